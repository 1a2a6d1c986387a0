package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** {@code lock-zookeeper}: Curator against {@code ecommerce.lock.zookeeper.connect-string}. */
@Configuration(proxyBeanMethods = false)
@Profile("lock-zookeeper")
public class ZooKeeperLockConfiguration {

    @Bean(destroyMethod = "close")
    CuratorFramework lockCurator(
            @Value("${ecommerce.lock.zookeeper.connect-string:127.0.0.1:2181}") String connectString,
            LockProperties properties) {
        LockProperties.ZooKeeper zk = properties.zookeeper();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) zk.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) zk.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 3))
                .build();
        client.start();
        return client;
    }

    @Bean
    LockStrategy zooKeeperLockAdapter(CuratorFramework lockCurator, LockProperties properties, MeterRegistry registry) {
        return LocallyQueuedLockAdapter.inFrontOf(new ZooKeeperLockAdapter(lockCurator,
                properties.zookeeper().basePath(), new LockMetrics(registry, "zookeeper")), properties, registry);
    }

    @Bean
    HealthIndicator zooKeeperLock(CuratorFramework lockCurator) {
        return () -> lockCurator.getZookeeperClient().isConnected()
                ? Health.up().withDetail("connectString", lockCurator.getZookeeperClient().getCurrentConnectionString()).build()
                : Health.down().withDetail("reason", "not connected to ZooKeeper").build();
    }
}

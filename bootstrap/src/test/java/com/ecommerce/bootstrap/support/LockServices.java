package com.ecommerce.bootstrap.support;

import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the shared lock strategies find their servers in a test, given only to the contexts whose lock profile needs
 * them: binding the lock properties reads these values, and computing them starts or looks for the servers, which
 * a {@code lock-jvm} or {@code lock-db} context must not do. Runs after the profiles are settled.
 */
public class LockServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> servers = new HashMap<>();
        for (String profile : environment.getActiveProfiles()) {
            LockStrategyName.ofProfile(profile).ifPresent(strategy -> {
                switch (strategy) {
                    case REDIS -> {
                        String[] hostPort = TestRedis.single().split(":");
                        servers.put("spring.data.redis.host", hostPort[0]);
                        servers.put("spring.data.redis.port", hostPort[1]);
                    }
                    case REDLOCK -> servers.put("ecommerce.lock.redis.addresses", TestRedis.redlockAddresses());
                    case ZOOKEEPER -> servers.put("ecommerce.lock.zookeeper.connect-string", TestZooKeeper.connectString());
                    case HAZELCAST -> {
                        // a cluster of its own per context, so that cached contexts never join one another
                        TestHazelcast.Cluster cluster = TestHazelcast.newCluster(1);
                        servers.put("ecommerce.lock.hazelcast.cluster-name", cluster.name());
                        servers.put("ecommerce.lock.hazelcast.port", cluster.firstPort());
                        servers.put("ecommerce.lock.hazelcast.members", String.join(",", cluster.members()));
                    }
                    case ETCD -> servers.put("ecommerce.lock.etcd.endpoints", TestEtcd.endpoints());
                    default -> {
                    }
                }
            });
        }
        if (!servers.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("lock-servers", servers));
        }
    }
}

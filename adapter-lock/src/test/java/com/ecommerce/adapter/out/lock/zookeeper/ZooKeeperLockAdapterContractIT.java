package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.AfterAll;

import java.util.List;
import java.util.stream.Stream;

/** {@code lock-zookeeper} on the in-process ZooKeeper, from two clients as two instances would. */
class ZooKeeperLockAdapterContractIT extends LockStrategyContractTest {

    private final List<CuratorFramework> clients = Stream.generate(ZooKeeperLockAdapterContractIT::connected)
            .limit(2).toList();
    private final List<LockStrategy> instances = clients.stream()
            .<LockStrategy>map(client -> new ZooKeeperLockAdapter(client, "/ecommerce/locks",
                    new LockMetrics(new SimpleMeterRegistry(), "zookeeper")))
            .toList();

    private static CuratorFramework connected() {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(TestZooKeeper.connectString())
                .sessionTimeoutMs(10_000).connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3)).build();
        client.start();
        return client;
    }

    @Override
    protected List<LockStrategy> instances() {
        return instances;
    }

    @AfterAll
    void shutdown() {
        clients.forEach(CuratorFramework::close);
    }
}

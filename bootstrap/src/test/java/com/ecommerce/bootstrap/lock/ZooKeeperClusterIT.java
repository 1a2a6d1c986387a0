package com.ecommerce.bootstrap.lock;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperLockAdapter;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.support.Concurrently;
import com.ecommerce.bootstrap.support.Concurrently.Outcome;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.DomainException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lock-zookeeper} over a 3-member ensemble ({@link TestingCluster}), with the member our client is connected to
 * killed in the middle of a run of concurrent increments of one balance. The quorum survives; requests caught by the
 * failover may fail cleanly (503 or 409), but no increment is lost: the balance equals the successes.
 */
class ZooKeeperClusterIT extends IntegrationTest {

    @Autowired
    TransactionPort transactions;
    @Autowired
    PointStorePort points;

    @Test
    void killingAnEnsembleMemberMidRunLosesNoUpdate() throws Exception {
        long userId = api.newUser("zk-cluster");
        LockKey key = LockKey.point(userId);
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(cluster.getConnectString())
                    .sessionTimeoutMs(10_000).connectionTimeoutMs(3_000)
                    .retryPolicy(new ExponentialBackoffRetry(100, 3)).build()) {
                client.start();
                client.blockUntilConnected();
                ZooKeeperLockAdapter lock = new ZooKeeperLockAdapter(client, "/ecommerce/locks",
                        new LockMetrics(new SimpleMeterRegistry(), "zookeeper"));
                AtomicInteger landed = new AtomicInteger();
                AtomicInteger landedAfterKill = new AtomicInteger();
                AtomicInteger failedBeforeKill = new AtomicInteger();
                AtomicReference<InstanceSpec> killed = new AtomicReference<>();

                List<Outcome<Map<String, Integer>>> outcomes = Concurrently.run(8, thread -> {
                    Map<String, Integer> mine = new TreeMap<>();
                    for (int i = 0; i < 30; i++) {
                        if (thread == 0 && i == 10) {
                            killed.set(killConnectedMember(cluster, client));
                        }
                        boolean afterKill = killed.get() != null;
                        try {
                            lock.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(10)),
                                    () -> transactions.inTransaction(() -> increment(userId)));
                            landed.incrementAndGet();
                            if (afterKill) {
                                landedAfterKill.incrementAndGet();
                            }
                            mine.merge("OK", 1, Integer::sum);
                        } catch (DomainException e) {
                            if (!afterKill) {
                                failedBeforeKill.incrementAndGet();
                            }
                            mine.merge(e.code().name(), 1, Integer::sum);
                        }
                    }
                    return mine;
                });

                assertThat(outcomes).allMatch(Outcome::succeeded);
                Map<String, Integer> total = new TreeMap<>();
                outcomes.forEach(o -> o.value().forEach((k, v) -> total.merge(k, v, Integer::sum)));
                long balance = points.findPoint(userId).orElseThrow().balance();
                assertThat(killed.get()).isNotNull();
                assertThat(total.keySet()).as("outcomes: a working lock lets no stale write reach the version check, "
                        + "so no CONCURRENT_UPDATE; a request caught by the failover may fail cleanly (503)")
                        .isSubsetOf("OK", "LOCK_UNAVAILABLE", "LOCK_TIMEOUT");
                assertThat(failedBeforeKill.get()).as("failures of requests begun before the kill").isZero();
                assertThat(balance).as("balance: exactly the successes").isEqualTo(landed.get());
                assertThat(landed.get()).as("successes: at most one failure per thread, caught by the failover")
                        .isGreaterThanOrEqualTo(240 - 8);
                assertThat(landedAfterKill.get()).as("successes of requests begun after the kill").isPositive();
                System.out.printf("[zookeeper] 3-node ensemble, member %s killed mid-run: 240 increments -> %s; "
                        + "balance %d = successes (no lost update), %d landed after the kill%n",
                        killed.get().getPort(), total, balance, landedAfterKill.get());
            }
        }
    }

    private Void increment(long userId) {
        Point point = points.findPoint(userId).orElseThrow();
        point.charge(1);
        points.updatePoint(point);
        return null;
    }

    private static InstanceSpec killConnectedMember(TestingCluster cluster, CuratorFramework client) {
        try {
            InstanceSpec connected = cluster.findConnectionInstance(client.getZookeeperClient().getZooKeeper());
            cluster.killServer(connected);
            return connected;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

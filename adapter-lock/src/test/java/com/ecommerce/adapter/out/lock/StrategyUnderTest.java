package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.jdbc.JdbcLockTable;
import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.Breakage;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.ecommerce.adapter.out.lock.testing.TestLockDatabase;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strategy as the contract suite runs it, in this JVM and in {@link ContendingProcess}: how many instances of the
 * service it stands for, where their shared server is, and how each instance is built (its own clients, as a
 * deployed instance has them), optionally with a {@link Breakage}.
 */
public enum StrategyUnderTest {

    /** One lock table per process: one instance, nothing shared with another process. */
    JVM(1),
    /** The local queue in front of {@code lock-redis}: the shape production runs. */
    QUEUED_REDIS(3),
    REDIS(3),
    /** Three independent masters, one client per master and instance. */
    REDLOCK(3),
    ZOOKEEPER(3),
    /** The lock table in the test database, one pool and repository (client id) per instance. */
    JDBC(3),
    /** Three embedded members of one cluster; the other process's instances join it as members of their own. */
    HAZELCAST(3),
    /** One jetcd client per instance on the shared etcd. */
    ETCD(3);

    static final Duration LEASE = Duration.ofSeconds(10);
    /** {@code ecommerce.lock.jdbc.*} by default. */
    static final LockProperties.Jdbc JDBC_SETTINGS = new LockProperties.Jdbc("ecommerce", "INT_", Duration.ofMillis(20));

    private final int instances;

    StrategyUnderTest(int instances) {
        this.instances = instances;
    }

    /** How many instances of the service each process runs. */
    int instances() {
        return instances;
    }

    /** Whether processes share the lock: another process then contends on the same keys. */
    boolean shared() {
        return this != JVM;
    }

    /** Where another process finds the shared server (what {@link #open} takes); empty for {@link #JVM}. */
    String server() {
        return switch (this) {
            case JVM -> "";
            case QUEUED_REDIS, REDIS -> "redis://" + TestRedis.single();
            case REDLOCK -> TestRedis.redlockAddresses();
            case ZOOKEEPER -> TestZooKeeper.connectString();
            case JDBC -> TestLockDatabase.url();
            case HAZELCAST -> TestHazelcast.contractCluster();
            case ETCD -> TestEtcd.endpoints();
        };
    }

    /** {@link #instances()} instances over {@code server}, with {@code breakage} in each shared lock. */
    Instances open(String server, Breakage breakage) {
        List<AutoCloseable> clients = new ArrayList<>();
        List<LockStrategy> built = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            built.add(switch (this) {
                case JVM -> breakage.jvm(metrics());
                case REDIS -> breakage.redis(redis(server, clients), LEASE, metrics());
                case QUEUED_REDIS -> new LocallyQueuedLockAdapter(breakage.redis(redis(server, clients), LEASE,
                        metrics()), new SimpleMeterRegistry());
                case REDLOCK -> {
                    RedLockAdapter adapter = breakage.redlock(Arrays.stream(server.split(",")).map(String::strip)
                            .map(address -> RedissonClients.create(address, TestRedis.TUNING)).toList(), LEASE,
                            metrics());
                    clients.add(adapter::shutdown);
                    yield adapter;
                }
                case ZOOKEEPER -> breakage.zookeeper(zookeeper(server, clients), "/ecommerce/locks", metrics());
                case JDBC -> breakage.jdbc(jdbc(server, clients).registry(), LEASE, metrics());
                case HAZELCAST -> breakage.hazelcast(hazelcast(server, clients), LEASE, metrics());
                case ETCD -> breakage.etcd(etcd(server, clients), "/ecommerce/locks/", LEASE, metrics());
            });
        }
        return new Instances(List.copyOf(built), List.copyOf(clients));
    }

    private LockMetrics metrics() {
        return new LockMetrics(new SimpleMeterRegistry(), name().toLowerCase());
    }

    private static RedissonClient redis(String address, List<AutoCloseable> clients) {
        RedissonClient client = RedissonClients.create(address, TestRedis.TUNING);
        clients.add(client::shutdown);
        return client;
    }

    private static CuratorFramework zookeeper(String connectString, List<AutoCloseable> clients) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
                .sessionTimeoutMs(10_000).connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3)).build();
        client.start();
        clients.add(client::close);
        return client;
    }

    /** One instance's lock table over a pool of its own on {@code url}; closing gives back its rows, then the pool. */
    static JdbcLockTable jdbc(String url, List<AutoCloseable> clients) {
        HikariDataSource dataSource = TestLockDatabase.dataSource(url);
        clients.add(dataSource);
        JdbcLockTable table = JdbcLockTable.open(dataSource, JDBC_SETTINGS, LEASE);
        clients.add(clients.size() - 1, table);
        return table;
    }

    private static HazelcastInstance hazelcast(String cluster, List<AutoCloseable> clients) {
        HazelcastInstance member = TestHazelcast.Cluster.parse(cluster).startMember();
        clients.add(member::shutdown);
        return member;
    }

    private static Client etcd(String endpoints, List<AutoCloseable> clients) {
        Client client = Client.builder().endpoints(Arrays.stream(endpoints.split(",")).map(String::strip)
                .toArray(String[]::new)).build();
        clients.add(client::close);
        return client;
    }

    /** The instances of one process, and what closes their clients. */
    record Instances(List<LockStrategy> strategies, List<AutoCloseable> clients) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            for (AutoCloseable client : clients) {
                client.close();
            }
        }
    }
}

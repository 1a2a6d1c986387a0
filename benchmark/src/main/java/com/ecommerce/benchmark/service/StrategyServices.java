package com.ecommerce.benchmark.service;

import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.systemtest.support.EtcdServer;
import com.ecommerce.systemtest.support.RedisServer;
import com.ecommerce.systemtest.support.SystemEnv;
import org.apache.curator.test.TestingServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a strategy's instances need besides MariaDB: the payment gateway (every strategy: the benchmark's one
 * {@link Gateway}), the shared Redis for {@code redis}, three Redis masters of their own for {@code redlock}, an
 * in-process ZooKeeper for {@code zookeeper}, nothing for {@code jdbc} (its lock table is in MariaDB, whose CPU is
 * measured already), a cluster name and member ports for {@code hazelcast} (whose members are embedded in the
 * instances, so their CPU counts as the service's); and the properties that point the service at them. Closing stops
 * what was started for the strategy (the gateway outlives it). For {@code etcd}: {@code ECOMMERCE_IT_ETCD_ENDPOINTS},
 * else one started from {@code ECOMMERCE_IT_ETCD_BINARY} or {@code etcd} on the PATH, its keys under a prefix of
 * this run's own.
 */
public final class StrategyServices implements AutoCloseable {

    private static final String HAZELCAST_MEMBERS = "ecommerce.lock.hazelcast.members";
    /** Instances of one strategy run at once (the combining experiment's three), and spares. */
    private static final int HAZELCAST_PORTS = 6;

    private final List<RedisServer> masters = new ArrayList<>();
    private final TestingServer zookeeper;
    private final EtcdServer etcd;
    private final List<Long> lockServerPids;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public StrategyServices(String strategy) throws Exception {
        properties.put("spring.profiles.active", SystemEnv.dbProfile() + ",lock-" + strategy);
        properties.put("logging.level.root", "warn");
        properties.putAll(Gateway.instanceProperties());
        TestingServer server = null;
        EtcdServer etcdServer = null;
        List<Long> pids = new ArrayList<>();
        switch (strategy) {
            case "redis" -> {
                String host = System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1");
                String port = System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379");
                properties.put("spring.data.redis.host", host);
                properties.put("spring.data.redis.port", port);
                pids.add(Observed.redisPid(host + ":" + port));
            }
            case "redlock" -> {
                for (int i = 0; i < 3; i++) {
                    masters.add(new RedisServer());
                }
                properties.put("ecommerce.lock.redis.addresses",
                        masters.stream().map(RedisServer::address).collect(Collectors.joining(",")));
                masters.forEach(master -> pids.add(master.pid()));
            }
            case "zookeeper" -> {
                server = new TestingServer(true);
                properties.put("ecommerce.lock.zookeeper.connect-string", server.getConnectString());
            }
            case "hazelcast" -> {
                properties.put("ecommerce.lock.hazelcast.cluster-name", "ecommerce-bench-" + UUID.randomUUID());
                properties.put(HAZELCAST_MEMBERS, IntStream.generate(SystemEnv::freePort).distinct()
                        .limit(HAZELCAST_PORTS).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")));
            }
            case "etcd" -> {
                etcdServer = EtcdServer.startOrFind();
                properties.put("ecommerce.lock.etcd.endpoints", etcdServer.endpoints());
                properties.put("ecommerce.lock.etcd.prefix", "/ecommerce-benchmark-" + System.currentTimeMillis()
                        + "/locks/");
                pids.add(etcdServer.pid() > 0 ? etcdServer.pid() : Observed.etcdPid(etcdServer.endpoints()));
            }
            default -> { }
        }
        this.zookeeper = server;
        this.etcd = etcdServer;
        this.lockServerPids = pids.stream().filter(pid -> pid > 0).toList();
    }

    /**
     * The pids of the strategy's lock servers that are processes of this machine (Redis, the RedLock masters, etcd);
     * empty for the others.
     */
    public List<Long> lockServerPids() {
        return lockServerPids;
    }

    /** The service's properties for this strategy (a copy: add to it freely). */
    public Map<String, String> properties() {
        return new LinkedHashMap<>(properties);
    }

    /**
     * The properties of the measured runs (a copy): a lock wait of 10 s, so that 64 clients on one hot row measure
     * throughput rather than time-outs (the bursts keep the service's default).
     */
    public Map<String, String> runProperties() {
        Map<String, String> run = properties();
        run.put("ecommerce.lock.wait-timeout", "10s");
        return run;
    }

    /**
     * One instance's properties: a {@code lock-hazelcast} instance's member takes the first listed port that no
     * running member has bound (instances start one after another, each awaited, so the one before has bound its own).
     */
    public static Map<String, String> forInstance(Map<String, String> properties) {
        String members = properties.get(HAZELCAST_MEMBERS);
        if (members == null) {
            return properties;
        }
        Map<String, String> own = new LinkedHashMap<>(properties);
        own.put("ecommerce.lock.hazelcast.port", List.of(members.split(",")).stream()
                .map(member -> member.substring(member.lastIndexOf(':') + 1)).filter(StrategyServices::unbound)
                .findFirst().orElseThrow(() -> new IllegalStateException("every Hazelcast member port of " + members
                        + " is taken: more instances at once than " + HAZELCAST_PORTS)));
        return own;
    }

    private static boolean unbound(String port) {
        try (ServerSocket socket = new ServerSocket(Integer.parseInt(port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        masters.forEach(RedisServer::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }
}

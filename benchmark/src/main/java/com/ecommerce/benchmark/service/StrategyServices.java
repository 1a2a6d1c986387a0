package com.ecommerce.benchmark.service;

import com.ecommerce.benchmark.observe.Observed;
import com.ecommerce.systemtest.support.EtcdServer;
import com.ecommerce.systemtest.support.RedisServer;
import com.ecommerce.systemtest.support.SystemEnv;
import org.apache.curator.test.TestingServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a strategy's instances need besides MariaDB: the payment gateway (every strategy: the benchmark's one
 * {@link Gateway}), the shared Redis for {@code redis}, three Redis masters of their own for {@code redlock}, an
 * in-process ZooKeeper for {@code zookeeper}, etcd for {@code etcd} ({@code ECOMMERCE_IT_ETCD_ENDPOINTS}, else one
 * started from {@code ECOMMERCE_IT_ETCD_BINARY} or {@code etcd} on the PATH, its keys under a prefix of this run's
 * own); and the properties that point the service at them. Closing stops what
 * was started for the strategy (the gateway outlives it).
 */
public final class StrategyServices implements AutoCloseable {

    private final List<RedisServer> masters = new ArrayList<>();
    private final TestingServer zookeeper;
    private final EtcdServer etcd;
    private final long lockServerPid;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public StrategyServices(String strategy) throws Exception {
        properties.put("spring.profiles.active", SystemEnv.dbProfile() + ",lock-" + strategy);
        properties.put("logging.level.root", "warn");
        properties.putAll(Gateway.instanceProperties());
        TestingServer server = null;
        EtcdServer etcdServer = null;
        long pid = -1;
        switch (strategy) {
            case "redis" -> {
                properties.put("spring.data.redis.host",
                        System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1"));
                properties.put("spring.data.redis.port",
                        System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379"));
            }
            case "redlock" -> {
                for (int i = 0; i < 3; i++) {
                    masters.add(new RedisServer());
                }
                properties.put("ecommerce.lock.redis.addresses",
                        masters.stream().map(RedisServer::address).collect(Collectors.joining(",")));
            }
            case "zookeeper" -> {
                server = new TestingServer(true);
                properties.put("ecommerce.lock.zookeeper.connect-string", server.getConnectString());
            }
            case "etcd" -> {
                etcdServer = EtcdServer.startOrFind();
                properties.put("ecommerce.lock.etcd.endpoints", etcdServer.endpoints());
                properties.put("ecommerce.lock.etcd.prefix", "/ecommerce-benchmark-" + System.currentTimeMillis()
                        + "/locks/");
                pid = etcdServer.pid() > 0 ? etcdServer.pid() : Observed.etcdPid(etcdServer.endpoints());
            }
            default -> { }
        }
        this.zookeeper = server;
        this.etcd = etcdServer;
        this.lockServerPid = pid;
    }

    /** The pid of the strategy's lock server when it is a process of this machine (etcd), else -1. */
    public long lockServerPid() {
        return lockServerPid;
    }

    /** The service's properties for this strategy (a copy: add to it freely). */
    public Map<String, String> properties() {
        return new LinkedHashMap<>(properties);
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

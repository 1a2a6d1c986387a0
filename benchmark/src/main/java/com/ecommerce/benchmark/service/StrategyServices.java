package com.ecommerce.benchmark.service;

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
 * in-process ZooKeeper for {@code zookeeper} (nothing for {@code jdbc}: its lock table is in MariaDB, whose CPU is
 * measured already); and the properties that point the service at them. Closing stops what was started for the
 * strategy (the gateway outlives it).
 */
public final class StrategyServices implements AutoCloseable {

    private final List<RedisServer> masters = new ArrayList<>();
    private final TestingServer zookeeper;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public StrategyServices(String strategy) throws Exception {
        properties.put("spring.profiles.active", SystemEnv.dbProfile() + ",lock-" + strategy);
        properties.put("logging.level.root", "warn");
        properties.putAll(Gateway.instanceProperties());
        TestingServer server = null;
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
            default -> { }
        }
        this.zookeeper = server;
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
    }
}

package com.ecommerce.bootstrap.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis for the lock tests, decided like {@link TestDatabase}: {@code ECOMMERCE_IT_REDIS_HOST}/{@code _PORT} for
 * {@code lock-redis} and {@code ECOMMERCE_IT_REDLOCK_ADDRESSES} (three independent masters) for {@code lock-redlock},
 * as {@code .ci/run} sets them; otherwise Redis 7 containers where Docker runs; otherwise a failure saying how.
 */
public final class TestRedis {

    public static final String HOST = "ECOMMERCE_IT_REDIS_HOST";
    public static final String PORT = "ECOMMERCE_IT_REDIS_PORT";
    public static final String REDLOCK = "ECOMMERCE_IT_REDLOCK_ADDRESSES";

    private static final List<GenericContainer<?>> containers = new ArrayList<>();
    private static String single;
    private static String redlock;

    private TestRedis() {
    }

    /** {@code host:port} of the single Redis. */
    public static synchronized String single() {
        if (single == null) {
            String host = System.getenv(HOST);
            if (host != null && !host.isBlank()) {
                single = host + ":" + TestDatabase.env(PORT, "6379");
            } else {
                single = start();
            }
        }
        return single;
    }

    /** Comma-separated {@code redis://host:port} of three independent masters. */
    public static synchronized String redlockAddresses() {
        if (redlock == null) {
            String addresses = System.getenv(REDLOCK);
            if (addresses != null && !addresses.isBlank()) {
                redlock = addresses;
            } else {
                redlock = String.join(",", List.of("redis://" + start(), "redis://" + start(), "redis://" + start()));
            }
        }
        return redlock;
    }

    private static String start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("""
                    The Redis lock tests need real Redis servers and found none.
                    Set ECOMMERCE_IT_REDIS_HOST and ECOMMERCE_IT_REDIS_PORT (lock-redis) and ECOMMERCE_IT_REDLOCK_ADDRESSES
                    (lock-redlock: three independent masters, e.g. redis://127.0.0.1:16380,redis://127.0.0.1:16381,redis://127.0.0.1:16382),
                    as `bash .ci/run` does, or run where Docker is available (Testcontainers starts redis:7).""");
        }
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        redis.start();
        containers.add(redis);
        return redis.getHost() + ":" + redis.getMappedPort(6379);
    }
}

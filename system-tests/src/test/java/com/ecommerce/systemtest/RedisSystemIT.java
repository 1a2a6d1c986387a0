package com.ecommerce.systemtest;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/** {@code lock-redis} on two instances; an instance killed mid-load leaves locks that end with their 3 s lease. */
class RedisSystemIT extends TwoInstancesTest {

    @Override
    protected String strategy() {
        return "redis";
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("spring.data.redis.host", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1"),
                "spring.data.redis.port", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379"),
                "ecommerce.lock.lease-time", "3s");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatEndWithTheirLease() {
        killOneInstanceMidLoad(Duration.ofSeconds(3 + 3));
    }
}

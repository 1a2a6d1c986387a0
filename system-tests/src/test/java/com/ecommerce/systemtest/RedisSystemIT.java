package com.ecommerce.systemtest;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * {@code lock-redis} on two instances; an instance killed mid-load leaves locks that end with their lease. Redisson's
 * multi-lock holds the keys it has taken so far with a lease of twice the wait timeout while it is still acquiring
 * the rest, so the bound is max(lease 3 s, 2 x wait 2 s) = 4 s, plus 2 s of slack.
 */
class RedisSystemIT extends TwoInstancesScenarios {

    @Override
    protected String strategy() {
        return "redis";
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("spring.data.redis.host", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1"),
                "spring.data.redis.port", System.getenv().getOrDefault("ECOMMERCE_IT_REDIS_PORT", "6379"),
                "ecommerce.lock.lease-time", "3s", "ecommerce.lock.wait-timeout", "2s");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatEndWithTheirLease() {
        killOneInstanceMidLoad(Duration.ofSeconds(4 + 2));
    }
}

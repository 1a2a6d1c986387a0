package com.ecommerce.adapter.out.lock.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ecommerce.lock.*}. {@code waitTimeout}: how long a request waits for all its locks (default 3 s).
 * {@code leaseTime}: how long a lease-based lock lives without being released (default 10 s).
 */
@ConfigurationProperties("ecommerce.lock")
public record LockProperties(@DefaultValue("3s") Duration waitTimeout,
                             @DefaultValue("10s") Duration leaseTime,
                             @DefaultValue Jvm jvm,
                             @DefaultValue Redis redis) {

    /** {@code fair}: FIFO hand-off among waiters; see {@code JvmLockAdapter} for why it is on by default. */
    public record Jvm(@DefaultValue("true") boolean fair) {
    }

    /**
     * Client tuning of the Redis strategies. (The masters of {@code lock-redlock} are read by its configuration from
     * {@code ecommerce.lock.redis.addresses}.)
     */
    public record Redis(@DefaultValue("500ms") Duration timeout,
                        @DefaultValue("500ms") Duration connectTimeout,
                        @DefaultValue("1") int retryAttempts,
                        @DefaultValue("100ms") Duration retryInterval) {
    }
}

package com.ecommerce.adapter.out.lock.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ecommerce.lock.*}. {@code waitTimeout}: how long a request waits for all its locks (default 3 s).
 * {@code leaseTime}: how long a lease-based lock lives without being released (default 10 s). {@code localQueue}:
 * whether the shared strategies (db, redis, redlock, zookeeper) queue a key's waiters in the JVM first, so that one
 * thread per instance and key contends for the shared lock (default true; off only to measure what it buys).
 */
@ConfigurationProperties("ecommerce.lock")
public record LockProperties(@DefaultValue("3s") Duration waitTimeout,
                             @DefaultValue("10s") Duration leaseTime,
                             @DefaultValue("true") boolean localQueue,
                             @DefaultValue Jvm jvm,
                             @DefaultValue Redis redis,
                             @DefaultValue Optimistic optimistic,
                             @DefaultValue ZooKeeper zookeeper) {

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

    /**
     * {@code lock-optimistic}: up to {@code maxAttempts} runs of the unit of work, separated by "full jitter" backoff
     * (a random pause between 0 and {@code initialBackoff * 2^(attempt-1)}, capped at {@code maxBackoff}), and never
     * past the wait timeout. Defaults: 10 attempts, 5 ms, 100 ms. A conflict costs one short transaction, so a few
     * quick retries absorb ordinary contention; jitter spreads the retries of writers that collided together; and
     * past ten attempts (at most about half a second of backoff) a request is under contention no retry will fix soon, so
     * the client is better told (409) than kept waiting.
     */
    public record Optimistic(@DefaultValue("10") int maxAttempts,
                             @DefaultValue("5ms") Duration initialBackoff,
                             @DefaultValue("100ms") Duration maxBackoff) {
    }

    /**
     * {@code lock-zookeeper}: the client's session. (The ensemble is read by its configuration from
     * {@code ecommerce.lock.zookeeper.connect-string}, default {@code 127.0.0.1:2181}.)
     */
    public record ZooKeeper(@DefaultValue("10s") Duration sessionTimeout,
                            @DefaultValue("3s") Duration connectionTimeout,
                            @DefaultValue("/ecommerce/locks") String basePath) {
    }
}

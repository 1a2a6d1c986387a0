package com.ecommerce.adapter.out.lock.jdbc;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestLockDatabase;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code lock-jdbc} owes to the version of Spring Integration it is pinned to (7.0.6 or newer: 7.0.5 kept one
 * shared pool of local locks for all keys, and both tests that use {@link #keysSharingOneOf256LocalLocks} fail on it),
 * and what its time-to-live and a failing database do. Each test works in a
 * region of its own of the lock table, so that the rows it counts are its own; closing its instances gives them back.
 */
class JdbcLockTableIT {

    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
    /** Parties block in their work: the common pool, one thread on two cores, would run them one after another. */
    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().start(task);

    private final String region = "it-" + UUID.randomUUID();
    private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
    private final List<AutoCloseable> opened = new ArrayList<>();
    private JdbcTemplate observer;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private HikariDataSource pool() {
        HikariDataSource pool = TestLockDatabase.dataSource(TestLockDatabase.url());
        opened.add(pool);
        return pool;
    }

    /** An instance of the service: a pool, a repository (client id) and a registry of its own. */
    private JdbcLockTable instance(HikariDataSource pool, Duration timeToLive) {
        JdbcLockTable table = JdbcLockTable.open(pool,
                new LockProperties.Jdbc(region, "INT_", Duration.ofMillis(20)), timeToLive);
        opened.add(table);
        return table;
    }

    private static LockMetrics metrics() {
        return new LockMetrics(new SimpleMeterRegistry(), "jdbc");
    }

    /** Each read on a connection fresh from the pool, whose last transaction was rolled back: it sees the latest rows. */
    private long rowsOfTheRegion() {
        if (observer == null) {
            observer = new JdbcTemplate(pool());
        }
        return observer.queryForObject("SELECT COUNT(*) FROM INT_LOCK WHERE REGION = ?", Long.class,
                region);
    }

    private LockKey freshKey() {
        return LockKey.point(ids.incrementAndGet());
    }

    /**
     * Keys that 7.0.5 put on one local lock: it kept 256 re-entrant locks for all keys and picked one by the hash of
     * the key's row id ({@code UUIDConverter}), so these are keys whose row ids' hashes agree in their low 8 bits.
     */
    private List<LockKey> keysSharingOneOf256LocalLocks(int count) {
        List<LockKey> keys = new ArrayList<>();
        int stripe = -1;
        while (keys.size() < count) {
            LockKey key = freshKey();
            int hash = UUIDConverter.getUUID(key.asString()).toString().hashCode() & 0xFF;
            if (stripe == -1) {
                stripe = hash;
            }
            if (hash == stripe) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void whileOneKeyIsHeld_unrelatedKeysOfTheSameInstance_areTakenAtOnce() throws Exception {
        LockStrategy instance = instance(pool(), TIME_TO_LIVE).adapter(metrics());
        List<LockKey> keys = keysSharingOneOf256LocalLocks(21);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> instance.withLocks(
                LockKeys.of(keys.getFirst()), Deadline.after(Duration.ofSeconds(5)), () -> {
                    holding.countDown();
                    await(done);
                    return null;
                }), OWN_THREAD);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            for (LockKey unrelated : keys.subList(1, keys.size())) {
                long started = System.nanoTime();
                CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> instance.withLocks(
                        LockKeys.of(unrelated), Deadline.after(Duration.ofMillis(300)), () -> "taken"), OWN_THREAD);
                assertThat(other.get(10, TimeUnit.SECONDS)).as(unrelated + " while " + keys.getFirst() + " is held")
                        .isEqualTo("taken");
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms to take an unrelated key").isLessThan(300);
            }
        } finally {
            done.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
    }

    /** On 7.0.5 keys sharing a local lock made it re-entrant: releasing the second one left its row in the table. */
    @Test
    void aHoldOfSeveralKeys_hasOneRowPerKey_andLeavesNoneWhenReleased() {
        LockStrategy instance = instance(pool(), TIME_TO_LIVE).adapter(metrics());
        LockKeys keys = LockKeys.of(keysSharingOneOf256LocalLocks(3));

        long rowsWhileHeld = instance.withLocks(keys, Deadline.after(Duration.ofSeconds(5)), this::rowsOfTheRegion);

        assertThat(rowsWhileHeld).as("rows while the keys were held").isEqualTo(3);
        assertThat(rowsOfTheRegion()).as("rows once they were released").isZero();
    }

    /**
     * A holder that stays past its time-to-live loses its keys to the next instance that asks, and is told so on
     * release: the loss is counted ({@code ecommerce.lock.failures}, reason {@code lost}). On MariaDB through
     * mysql-connector-j the table's times keep whole seconds (the driver drops the fraction, see the application's
     * {@code Timestamps}), so the row's end and the "now" it is compared with are both cut to the second: the key is
     * free a time-to-live after it was taken at the earliest and up to a second later, never sooner.
     */
    @Test
    void aHolderPastItsTimeToLive_losesTheKeyToAnotherInstance_andCountsItLost() throws Exception {
        Duration timeToLive = Duration.ofSeconds(1);
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        LockStrategy first = instance(pool(), timeToLive).adapter(new LockMetrics(firstMeters, "jdbc"));
        LockStrategy second = instance(pool(), timeToLive).adapter(metrics());
        LockKeys key = LockKeys.of(freshKey());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        CompletableFuture<Object> paused = CompletableFuture.supplyAsync(() -> first.withLocks(key,
                Deadline.after(Duration.ofSeconds(5)), () -> {
                    holding.countDown();
                    await(resume);
                    return null;
                }), OWN_THREAD);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        long asked = System.nanoTime();

        String taken = second.withLocks(key, Deadline.after(Duration.ofSeconds(5)), () -> "taken");
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;
        resume.countDown();
        paused.get(10, TimeUnit.SECONDS);

        assertThat(taken).isEqualTo("taken");
        assertThat(waitedMs).as("ms the second instance waited for the held key, a %d ms time-to-live in whole "
                + "seconds", timeToLive.toMillis()).isBetween(timeToLive.toMillis() - 100, timeToLive.toMillis() + 1_300);
        assertThat(firstMeters.get("ecommerce.lock.failures").tag("reason", "lost").counter().count()).isEqualTo(1);
        System.out.printf("lock-jdbc: a %d ms time-to-live; the second instance took the paused holder's key after "
                + "%d ms%n", timeToLive.toMillis(), waitedMs);
    }

    @Test
    void aDatabaseThatCannotBeUsed_isLockUnavailable_notATimeout() {
        HikariDataSource pool = TestLockDatabase.dataSource(TestLockDatabase.url());
        LockStrategy instance = JdbcLockTable.open(pool, new LockProperties.Jdbc(region, "INT_", Duration.ofMillis(20)),
                TIME_TO_LIVE).adapter(metrics());
        pool.close();

        long started = System.nanoTime();
        assertThatThrownBy(() -> instance.withLocks(LockKeys.of(freshKey()), Deadline.after(Duration.ofSeconds(3)),
                () -> null)).isInstanceOf(LockUnavailableException.class);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to fail").isLessThan(3_000);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

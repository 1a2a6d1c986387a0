package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStoreContractTest;
import com.ecommerce.application.idempotency.service.PurgeExpiredIdempotencyRecordsService;
import com.ecommerce.domain.user.User;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotency store contract on the JPA adapter, and what the in-memory fake cannot show: purges and claims on
 * real threads, each in its own transaction on its own connection. A subclass names the database.
 */
public abstract class JpaIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

    /** Expired at {@link #PURGE_CUTOFF}: a purge service on this clock purges up to that cutoff. */
    private static final Clock PURGE_CLOCK = Clock.fixed(PURGE_CUTOFF.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final IdempotencyRetention RETENTION = new IdempotencyRetention(PURGE_CLOCK, Duration.ofDays(1));

    private final JdbcTemplate jdbc;
    /** Threads of their own: the common pool may have a single thread, and these tasks block each other. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    protected JpaIdempotencyStoreContractTest(Stores stores, JdbcTemplate jdbc) {
        super(stores);
        this.jdbc = jdbc;
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Two instances purge at once: each run is the service the scheduler calls, with batches of 50, on its own
     * thread and connection, started together. Between them they delete every expired record exactly once
     * (the counts they report add up to what was expired), raise nothing, and leave every live record.
     */
    @Test
    void twoPurgesAtOnceDeleteEachExpiredRecordOnceAndLeaveExactlyTheLiveOnes() throws Exception {
        long userId = transactions.inTransaction(() -> users.addUser(User.create("purged twice")).id());
        List<String> expired = claims(userId, 600, i -> PURGE_CUTOFF.minus(Duration.ofMinutes(600 - i)));
        List<String> live = claims(userId, 60, i -> PURGE_CUTOFF.plusSeconds(i));
        long expiredInTable = countCreatedBefore(PURGE_CUTOFF);
        var purge = new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, RETENTION, 50);

        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Long>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return purge.purgeExpired();
            }));
        }
        long purged = runs.get(0).get(60, TimeUnit.SECONDS) + runs.get(1).get(60, TimeUnit.SECONDS);

        assertThat(expiredInTable).isGreaterThanOrEqualTo(expired.size());
        assertThat(purged).isEqualTo(expiredInTable);
        assertThat(countCreatedBefore(PURGE_CUTOFF)).isZero();
        assertThat(jdbc.queryForList("select idem_key from idempotency_record where user_id = ?", String.class,
                userId)).containsExactlyInAnyOrderElementsOf(live);
    }

    /**
     * A request claimed its key and is still running, so long that its claim is already older than the cutoff: the
     * purge does not see the uncommitted claim, does not wait for it, and the claim commits intact.
     */
    @Test
    void aClaimInFlightIsNeitherPurgedNorWaitedForEvenWhenItIsOlderThanTheCutoff() throws Exception {
        long userId = transactions.inTransaction(() -> users.addUser(User.create("in flight")).id());
        String key = "in-flight-" + UUID.randomUUID();
        Instant longAgo = PURGE_CUTOFF.minus(Duration.ofDays(30));
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> request = threads.submit(() -> transactions.inTransaction(() -> {
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, longAgo));
            claimed.countDown();
            await(finish);
            idempotency.updateResult("charge", userId, key, 7L);
            return null;
        }));
        try {
            assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Long> purge = threads.submit(
                    () -> new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, RETENTION, 50)
                            .purgeExpired());
            purge.get(10, TimeUnit.SECONDS);
        } finally {
            finish.countDown();
        }
        request.get(10, TimeUnit.SECONDS);

        assertThat(transactions.readOnly(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, 7L, longAgo));
    }

    /**
     * Two repeats after the retention: one has deleted the expired record and re-claimed the key, and is still
     * running, when the other deletes the expired record of that key. That delete waits for the first repeat (the
     * database reports its session waiting for a lock while the first holds the key, and it has not returned), then
     * finds its new claim, which is not expired, and keeps it.
     */
    @Test
    void removingAnExpiredKeyKeepsTheNewClaimOfARepeatInFlight() throws Exception {
        long userId = transactions.inTransaction(() -> users.addUser(User.create("re-claimed")).id());
        String key = "re-claimed-" + UUID.randomUUID();
        Instant cutoff = NOW.minus(Duration.ofDays(1));
        transactions.inTransaction(() -> {
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, 1L,
                    cutoff.minus(Duration.ofDays(1))));
            idempotency.updateResult("charge", userId, key, 1L);
            return null;
        });
        CountDownLatch reclaimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> winner = threads.submit(() -> transactions.inTransaction(() -> {
            assertThat(idempotency.removeExpired("charge", userId, key, cutoff)).isTrue();
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
            idempotency.updateResult("charge", userId, key, 2L);
            reclaimed.countDown();
            await(finish);
            return null;
        }));
        Future<Boolean> loser;
        try {
            assertThat(reclaimed.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> loserSession = new CompletableFuture<>();
            loser = threads.submit(() -> transactions.inTransaction(() -> {
                loserSession.complete(jdbc.queryForObject(sessionIdQuery(), Long.class));
                return idempotency.removeExpired("charge", userId, key, cutoff);
            }));
            long session = loserSession.get(10, TimeUnit.SECONDS);

            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(waitsForALock(session))
                            .as("the second delete's session waits for a lock").isTrue());
            assertThat(loser.isDone()).as("the second delete returned while the first repeat held the key").isFalse();
        } finally {
            finish.countDown();
        }
        winner.get(10, TimeUnit.SECONDS);

        assertThat(loser.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(transactions.readOnly(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, 2L, NOW));
    }

    /** The id of the session running the caller's transaction, as {@link #waitsForALock} takes it. */
    protected abstract String sessionIdQuery();

    /** Whether the database reports the session {@code sessionId} waiting for a lock another session holds. */
    protected abstract boolean waitsForALock(long sessionId);

    protected JdbcTemplate jdbc() {
        return jdbc;
    }

    private List<String> claims(long userId, int count, IntFunction<Instant> createdAt) {
        List<String> keys = new ArrayList<>();
        transactions.inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                String key = "purge-" + UUID.randomUUID();
                idempotency.addClaim(new IdempotencyRecord("order", userId, key, FINGERPRINT, 1L,
                        createdAt.apply(i)));
                keys.add(key);
            }
            return null;
        });
        return keys;
    }

    private long countCreatedBefore(Instant cutoff) {
        return transactions.readOnly(() -> jdbc.queryForObject(
                "select count(*) from idempotency_record where created_at < ?", Long.class,
                LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the transaction finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

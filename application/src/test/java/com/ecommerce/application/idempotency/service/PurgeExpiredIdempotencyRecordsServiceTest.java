package com.ecommerce.application.idempotency.service;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.testing.InMemoryDatabase;
import com.ecommerce.application.testing.InMemoryIdempotencyRecords;
import com.ecommerce.application.testing.InMemoryTransactions;
import com.ecommerce.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeExpiredIdempotencyRecordsServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Duration RETENTION = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryDatabase database = new InMemoryDatabase();
    private final InMemoryTransactions transactions = new InMemoryTransactions(database);
    private final BatchRecordingRecords idempotency = new BatchRecordingRecords(database, transactions);
    private final IdempotencyRetention retention = new IdempotencyRetention(clock, RETENTION);

    @Test
    void deletesEveryExpiredRecordInBatchesOfOneTransactionEachAndKeepsTheLiveOnes() {
        List<String> expired = records(7, NOW.minus(RETENTION).minusSeconds(10));
        List<String> live = records(2, NOW.minus(RETENTION));
        var purge = new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 3);
        int transactionsBefore = transactions.transactions;

        long purged = purge.purgeExpired();

        assertThat(purged).isEqualTo(7);
        assertThat(idempotency.batches).containsExactly(3, 3, 1);
        assertThat(transactions.transactions - transactionsBefore).isEqualTo(3);
        assertThat(idempotency.batchesOutsideATransaction).isZero();
        assertThat(expired).allSatisfy(key -> assertThat(idempotency.findRecord("charge", 1, key)).isEmpty());
        assertThat(live).allSatisfy(key -> assertThat(idempotency.findRecord("charge", 1, key)).isPresent());
    }

    @Test
    void aFullLastBatchIsFollowedByAnEmptyOneThatEndsTheRun() {
        records(6, NOW.minus(Duration.ofDays(2)));

        long purged = new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 3).purgeExpired();

        assertThat(purged).isEqualTo(6);
        assertThat(idempotency.batches).containsExactly(3, 3, 0);
    }

    @Test
    void theCutoffIsTheRetentionBeforeTheStartOfTheRun() {
        records(1, NOW.minus(RETENTION).minusSeconds(1));
        records(1, NOW.minus(RETENTION));
        var purge = new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 100);

        assertThat(purge.purgeExpired()).isEqualTo(1);
        assertThat(idempotency.cutoffs).containsExactly(NOW.minus(RETENTION));
        assertThat(idempotency.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(purge.purgeExpired()).isEqualTo(1);
        assertThat(idempotency.count()).isZero();
    }

    @Test
    void anInterruptedThreadStopsAfterTheBatchItIsIn() {
        records(10, NOW.minus(Duration.ofDays(2)));
        var purge = new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 3);

        Thread.currentThread().interrupt();
        try {
            assertThat(purge.purgeExpired()).isEqualTo(3);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(idempotency.count()).isEqualTo(7);
    }

    @Test
    void theBatchSizeIsBounded() {
        assertThatThrownBy(() -> new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention,
                PurgeExpiredIdempotencyRecordsService.MAX_BATCH_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchOfOneAndTheLargestBatch_bothPurge() {
        records(2, NOW.minus(RETENTION).minusSeconds(1));

        assertThat(new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention, 1).purgeExpired())
                .isEqualTo(2);
        assertThat(new PurgeExpiredIdempotencyRecordsService(idempotency, transactions, retention,
                PurgeExpiredIdempotencyRecordsService.MAX_BATCH_SIZE).purgeExpired()).isZero();
        assertThat(idempotency.batches).containsExactly(1, 1, 0, 0);
    }

    private int sequence;

    private List<String> records(int count, Instant createdAt) {
        List<String> keys = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> {
            String key = "k" + (++sequence);
            transactions.inTransaction(() -> {
                idempotency.addClaim(new IdempotencyRecord("charge", 1, key, "f", 1L, createdAt));
                return null;
            });
            keys.add(key);
        });
        return keys;
    }

    /** Records what every batch deleted and with which cutoff, and that each ran inside a transaction. */
    private static final class BatchRecordingRecords extends InMemoryIdempotencyRecords {
        private final InMemoryTransactions transactions;
        final List<Integer> batches = new ArrayList<>();
        final List<Instant> cutoffs = new ArrayList<>();
        int batchesOutsideATransaction;

        BatchRecordingRecords(InMemoryDatabase database, InMemoryTransactions transactions) {
            super(database);
            this.transactions = transactions;
        }

        @Override
        public int purgeExpired(Instant createdBefore, int limit) {
            if (transactions.openTransactions == 0) {
                batchesOutsideATransaction++;
            }
            int deleted = super.purgeExpired(createdBefore, limit);
            batches.add(deleted);
            if (!cutoffs.contains(createdBefore)) {
                cutoffs.add(createdBefore);
            }
            return deleted;
        }
    }
}

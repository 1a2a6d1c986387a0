package com.ecommerce.application.idempotency.service;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.in.PurgeExpiredIdempotencyRecordsUseCase;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;

import java.time.Instant;

/**
 * Deletes expired idempotency records in bounded batches, one short transaction each, so that no batch holds locks
 * for long on a table every keyed request inserts into. The cutoff is fixed when the run starts. A run ends when a
 * batch comes back short: the table holds no more expired records, or another purge took some of them (that purge
 * goes on), or the thread was interrupted (the application is stopping).
 *
 * <p>Nothing here depends on being alone: two instances purging at once find some of the same records, and the
 * second delete of a record deletes nothing. Lookups do not depend on the purge either: they treat an expired record
 * as absent (see {@link IdempotencyRetention}), so the purge only reclaims space.
 */
public class PurgeExpiredIdempotencyRecordsService implements PurgeExpiredIdempotencyRecordsUseCase {

    /** Bounds the rows one transaction deletes (and so locks); larger batches would need a longer transaction. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private final IdempotencyStorePort store;
    private final TransactionPort transactionPort;
    private final IdempotencyRetention retention;
    private final int batchSize;

    public PurgeExpiredIdempotencyRecordsService(IdempotencyStorePort store, TransactionPort transactionPort,
                                                 IdempotencyRetention retention, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "the purge batch size must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        this.store = store;
        this.transactionPort = transactionPort;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Override
    public long purgeExpired() {
        Instant cutoff = retention.cutoff();
        long purged = 0;
        int deleted;
        do {
            deleted = transactionPort.inTransaction(() -> store.purgeExpired(cutoff, batchSize));
            purged += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return purged;
    }
}

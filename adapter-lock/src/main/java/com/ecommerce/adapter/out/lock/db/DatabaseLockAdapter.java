package com.ecommerce.adapter.out.lock.db;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code lock-db}: pessimistic row locks. The rows of the keys are locked in key order as the first statements of
 * the transaction the unit of work opened ({@link #lockInTransaction}), so its commit or rollback releases them and
 * nothing else does. Correct for any number of instances sharing one database.
 *
 * <p>How a row is locked is the persistence adapter's knowledge ({@link RowLocks}: JPA {@code PESSIMISTIC_WRITE}
 * with a per-statement wait); this class owns what every strategy owns: the key order, the one wait budget across
 * all keys and the metrics.
 */
public class DatabaseLockAdapter implements LockStrategy {

    /** Locks the row of one key in the running transaction. */
    @FunctionalInterface
    public interface RowLocks {
        /** @return false when the row was not granted within {@code wait} */
        boolean lock(LockKey key, Duration wait);
    }

    private final RowLocks rows;
    private final LockMetrics metrics;
    /** When this thread's rows were locked: the hold lasts from there to the end of the transaction. */
    private final ThreadLocal<Long> lockedAt = new ThreadLocal<>();

    public DatabaseLockAdapter(RowLocks rows, LockMetrics metrics) {
        this.rows = rows;
        this.metrics = metrics;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.DB;
    }

    /** Nothing to take before the transaction; the work (the transaction) runs, and the hold is measured to its end. */
    @Override
    public <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work) {
        try {
            return work.get();
        } finally {
            Long at = lockedAt.get();
            if (at != null) {
                lockedAt.remove();
                metrics.held(at);
            }
        }
    }

    @Override
    public void lockInTransaction(List<LockKey> ordered, Duration remaining) {
        long waitStart = System.nanoTime();
        long deadline = waitStart + remaining.toNanos();
        for (LockKey key : ordered) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !rows.lock(key, Duration.ofNanos(left))) {
                metrics.timedOut(waitStart);
                throw new LockTimeoutException(ordered.toString(), remaining);
            }
        }
        metrics.acquired(waitStart);
        lockedAt.set(System.nanoTime());
    }
}

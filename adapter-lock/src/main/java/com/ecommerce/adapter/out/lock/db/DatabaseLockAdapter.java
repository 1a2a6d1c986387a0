package com.ecommerce.adapter.out.lock.db;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;

import java.time.Duration;
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

    /** Locks the rows of keys of one resource type in the running transaction. */
    @FunctionalInterface
    public interface RowLocks {
        /**
         * Locks the rows of {@code keys}, all of one resource type and in the global order, in that order (one
         * statement for all of them: the database walks the index in key order, so the order holds inside it).
         *
         * @return false when the rows were not all granted within {@code wait}
         */
        boolean lock(List<LockKey> keys, Duration wait);
    }

    private final RowLocks rows;
    private final LockMetrics metrics;
    /** When this thread's rows were locked: the hold lasts from there to the end of the transaction. */
    private final ThreadLocal<Long> lockedAt = new ThreadLocal<>();

    public DatabaseLockAdapter(RowLocks rows, LockMetrics metrics) {
        this.rows = rows;
        this.metrics = metrics;
    }

    /** No: the row locks are the transaction's own: waiting for a connection holds nothing. */
    @Override
    public boolean holdsLocksOutsideTransaction() {
        return false;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.DB;
    }

    /** Nothing to take before the transaction; the work (the transaction) runs, and the hold is measured to its end. */
    @Override
    public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
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
    public void lockInTransaction(LockKeys keys, Deadline deadline) {
        long waitStart = LockMetrics.start();
        List<LockKey> ordered = keys.asList();
        int from = 0;
        while (from < ordered.size()) {
            int to = from + 1;
            while (to < ordered.size() && ordered.get(to).type() == ordered.get(from).type()) {
                to++;
            }
            if (deadline.hasPassed() || !rows.lock(ordered.subList(from, to), deadline.remaining())) {
                metrics.timedOut(waitStart);
                throw deadline.exceeded(keys);
            }
            from = to;
        }
        metrics.acquired(waitStart);
        lockedAt.set(LockMetrics.start());
    }
}

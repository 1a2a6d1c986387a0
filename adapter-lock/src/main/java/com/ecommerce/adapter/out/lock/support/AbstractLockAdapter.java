package com.ecommerce.adapter.out.lock.support;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;

import java.util.function.Supplier;

/**
 * The part of the {@code LockPort} contract that every lock-then-transaction strategy shares: acquire the keys, in
 * their global order, by the deadline, run the work (which opens, commits or rolls back its own transaction), and
 * release in {@code finally}, after the work, and so after its commit. Subclasses only say how to acquire.
 */
public abstract class AbstractLockAdapter implements LockStrategy {

    protected final LockMetrics metrics;

    protected AbstractLockAdapter(LockMetrics metrics) {
        this.metrics = metrics;
    }

    /** What releases the locks acquired by one {@link #acquire} call. */
    @FunctionalInterface
    protected interface Held {
        void release();
    }

    /**
     * Acquires every key, in the global order, by {@code deadline}; on failure releases whatever it took and throws
     * {@link LockTimeoutException} ({@link Deadline#exceeded}) or {@link LockUnavailableException}.
     */
    protected abstract Held acquire(LockKeys keys, Deadline deadline);

    /** Nothing to do inside the transaction: these locks are held from before it begins until after it ends. */
    @Override
    public final void lockInTransaction(LockKeys keys, Deadline deadline) {
    }

    @Override
    public final <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
        long waitStart = LockMetrics.start();
        Held held;
        try {
            held = acquire(keys, deadline);
        } catch (LockTimeoutException e) {
            metrics.timedOut(waitStart);
            throw e;
        } catch (LockUnavailableException e) {
            metrics.unavailable(waitStart);
            throw e;
        }
        metrics.acquired(waitStart);
        long holdStart = LockMetrics.start();
        try {
            return work.get();
        } finally {
            held.release();
            metrics.held(holdStart);
        }
    }
}

package com.ecommerce.adapter.out.lock.support;

import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The part of the {@code LockPort} contract that every lock-then-transaction strategy shares: sort the keys,
 * acquire them all within the wait, run the work (which opens, commits or rolls back its own transaction), and
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
     * Acquires every key, in the given (global) order, within {@code waitTimeout} in total; on failure releases
     * whatever it took and throws {@link LockTimeoutException} or {@link LockUnavailableException}.
     */
    protected abstract Held acquire(List<LockKey> ordered, Duration waitTimeout);

    /** Nothing to do inside the transaction: these locks are held from before it begins until after it ends. */
    @Override
    public final void lockInTransaction(List<LockKey> ordered, Duration remaining) {
    }

    @Override
    public final <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work) {
        List<LockKey> ordered = LockKey.sortedDistinct(keys);
        long waitStart = System.nanoTime();
        Held held;
        try {
            held = acquire(ordered, waitTimeout);
        } catch (LockTimeoutException e) {
            metrics.timedOut(waitStart);
            throw e;
        } catch (LockUnavailableException e) {
            metrics.unavailable(waitStart);
            throw e;
        }
        metrics.acquired(waitStart);
        long holdStart = System.nanoTime();
        try {
            return work.get();
        } finally {
            held.release();
            metrics.held(holdStart);
        }
    }
}

package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * A per-key queue in this JVM in front of a shared lock (database rows, Redis, RedLock, ZooKeeper): a request first
 * takes the keys in a fair {@link JvmLockAdapter}, then, still within its one wait budget, in the shared lock. So at
 * most one thread per instance and key contends for the shared lock; the others wait parked in the JVM, in FIFO
 * order, holding no database connection and sending nothing to Redis or ZooKeeper.
 *
 * <p>Why: with N waiters on one key, every release of a shared lock cost O(N) work. Redisson wakes every waiter of
 * a key through pub/sub and each one retries its acquisition; a waiter on a database row lock holds a pooled
 * connection for its whole wait, so a hot key drained the pool for everyone else. A local hand-off costs one unpark.
 *
 * <p>The {@code LockPort} contract is unchanged: both layers take the keys in the global order; the local layer is
 * released after the shared one, which is released after the work's commit; the wait budget covers both layers
 * ({@code LOCK_TIMEOUT} when it runs out in either); the shared lock still excludes other instances, and the row
 * version still fences a holder that lost its shared lock. Waits in the local layer are measured under the strategy
 * name with {@code -queue} appended ({@code ecommerce_lock_wait_seconds{strategy="redis-queue"}}).
 */
public final class LocallyQueuedLockAdapter implements LockStrategy {

    private final JvmLockAdapter local;
    private final LockStrategy shared;

    public LocallyQueuedLockAdapter(LockStrategy shared, MeterRegistry registry) {
        this.local = new JvmLockAdapter(true, new LockMetrics(registry, shared.strategy().id() + "-queue"));
        this.shared = shared;
    }

    /** {@code shared} behind a local queue, unless {@code ecommerce.lock.local-queue} is off. */
    public static LockStrategy inFrontOf(LockStrategy shared, LockProperties properties, MeterRegistry registry) {
        return properties.localQueue() ? new LocallyQueuedLockAdapter(shared, registry) : shared;
    }

    @Override
    public LockStrategyName strategy() {
        return shared.strategy();
    }

    @Override
    public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
        return local.withLocks(keys, deadline, () -> {
            deadline.check(keys);
            return shared.withLocks(keys, deadline, work);
        });
    }

    /** The shared strategy's step inside the transaction (the row locks of {@code lock-db}), by the same deadline. */
    @Override
    public void lockInTransaction(LockKeys keys, Deadline deadline) {
        shared.lockInTransaction(keys, deadline);
    }

    /** Keys held or waited for in this instance's queue. */
    int queuedKeys() {
        return local.tableSize();
    }
}

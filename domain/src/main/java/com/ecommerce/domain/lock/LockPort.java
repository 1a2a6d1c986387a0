package com.ecommerce.domain.lock;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a unit of work while holding a set of locks. One interface, several strategies (JVM, database rows,
 * Redis, RedLock, ZooKeeper, optimistic retry), chosen at deployment.
 *
 * <p>A lock strategy does not open transactions; its caller (the application's guarded unit of work) does, always
 * the same way: {@code withLocks(keys, wait, () -> inTransaction(() -> { lockInTransaction(keys, left); work }))}.
 * Strategies whose locks live outside the database take them in {@link #withLocks} and release them after the
 * transaction has ended; strategies whose locks are rows of that transaction take them in
 * {@link #lockInTransaction}, and the commit or rollback releases them.
 *
 * <p>Contract every implementation keeps:
 * <ol>
 *   <li>The keys are acquired one by one in the global order of {@link LockKey} (duplicates ignored), never in
 *       the caller's order, so overlapping key sets cannot deadlock.</li>
 *   <li>Acquiring all keys waits at most {@code waitTimeout} in total, across both steps; past it, whatever was
 *       taken is released and {@link LockTimeoutException} is thrown without running the work. When the lock
 *       service cannot grant locks at all, {@link LockUnavailableException} is thrown, also without running the
 *       work.</li>
 *   <li>The work's transaction has committed (or rolled back) before any key is released, so the next holder reads
 *       the committed state.</li>
 *   <li>Keys are released in {@code finally}, whether the work returned or threw; the work's exception
 *       propagates unchanged.</li>
 * </ol>
 * A lock can still be lost (a lease expires, a node fails over). The store's version check is the last line of
 * defence: a write based on a stale read fails with
 * {@link com.ecommerce.domain.shared.ConcurrentUpdateException} and the transaction rolls back.
 */
public interface LockPort {

    <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work);

    /**
     * The step inside the transaction, called first thing in it with the keys in global order and what is left of
     * the wait. Only strategies whose locks are rows of the transaction do something here; the others hold their
     * locks already and do nothing. Deliberately not a default method: a decorator that forgot to pass this step on
     * would silently drop the row locks of {@code lock-db}.
     *
     * @throws LockTimeoutException when the rows are not all locked within {@code remaining}
     */
    void lockInTransaction(List<LockKey> ordered, Duration remaining);
}

package com.ecommerce.domain.lock;

import java.util.function.Supplier;

/**
 * Runs a unit of work while holding a set of locks. One interface, several strategies (JVM, database rows,
 * Redis, RedLock, ZooKeeper, optimistic retry), chosen at deployment.
 *
 * <p>A lock strategy does not open transactions; its caller (the application's guarded unit of work) does, always
 * the same way: {@code withLocks(keys, deadline, () -> inTransaction(() -> { lockInTransaction(keys, deadline);
 * work }))}. Strategies whose locks live outside the database take them in {@link #withLocks} and release them
 * after the transaction has ended; strategies whose locks are rows of that transaction take them in
 * {@link #lockInTransaction}, and the commit or rollback releases them.
 *
 * <p>Contract every implementation keeps:
 * <ol>
 *   <li>The keys are acquired one by one in the global order of {@link LockKey}, the order {@link LockKeys} holds
 *       them in, so overlapping key sets cannot deadlock.</li>
 *   <li>Acquiring all keys ends at the {@link Deadline}, across both steps; past it, whatever was taken is released
 *       and {@link LockTimeoutException} ({@link Deadline#exceeded}) is thrown without running the work. When the
 *       lock service cannot grant locks at all, {@link LockUnavailableException} is thrown, also without running
 *       the work.</li>
 *   <li>The work's transaction has committed (or rolled back) before any key is released, so the next holder reads
 *       the committed state.</li>
 *   <li>Keys are released in {@code finally}, whether the work returned or threw; the work's exception
 *       propagates unchanged.</li>
 *   <li><b>The work may run more than once.</b> A strategy that does not exclude but detects ({@code
 *       lock-optimistic}) runs the work again, in a new transaction, when the version fence refused its write. So
 *       the work must start from what it reads inside its transaction and keep nothing from an earlier run: no
 *       result collected outside it, no effect outside the transaction (no message sent, no remote call). A
 *       caller that needs a value out of the work takes it from the work's return value, which is the last run's.
 *       </li>
 * </ol>
 * A lock can still be lost (a lease expires, a node fails over). The store's version check is the last line of
 * defence: a write based on a stale read fails with
 * {@link com.ecommerce.domain.shared.ConcurrentUpdateException} and the transaction rolls back.
 */
public interface LockPort {

    <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work);

    /**
     * The step inside the transaction, called first thing in it with the same keys and deadline. Only strategies
     * whose locks are rows of the transaction do something here; the others hold their locks already and do
     * nothing. Deliberately not a default method: a decorator that forgot to pass this step on would silently drop
     * the row locks of {@code lock-db}.
     *
     * @throws LockTimeoutException when the rows are not all locked by the deadline
     */
    void lockInTransaction(LockKeys keys, Deadline deadline);

    /**
     * Whether {@link #withLocks} holds something of its own while the work runs (a lock outside the database
     * transaction). Then the caller never waits for a database connection inside it: a waiter on the pool must not
     * hold a lock others wait for. False only where the exclusion is the transaction's own (row locks taken in
     * {@link #lockInTransaction}, or a version check alone), so that waiting for a connection holds nothing. The
     * default is the safe answer: a decorator that forgets to pass it on only takes the more careful path.
     */
    default boolean holdsLocksOutsideTransaction() {
        return true;
    }
}

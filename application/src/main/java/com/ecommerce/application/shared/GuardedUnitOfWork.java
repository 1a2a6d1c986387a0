package com.ecommerce.application.shared;

import com.ecommerce.application.shared.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the work of a use case that changes contended rows, always in the same order:
 * <ol>
 *   <li>an idempotent request whose key already succeeded, within the retention, is answered from its record,
 *       before any lock;</li>
 *   <li>the keys are locked by the deployment's {@link LockPort}, sorted, within the configured wait;</li>
 *   <li>a transaction is opened (here, for every strategy), in which the strategies that lock rows take them first,
 *       then the idempotency key is claimed, the work runs and its result is recorded;</li>
 *   <li>the commit, then the locks are released.</li>
 * </ol>
 * The work reads its rows inside the locks and writes them through the stores, whose version-checked updates fence
 * a write against a lost lock. A use case states its keys and its work; nothing of this order is repeated in it.
 */
public final class GuardedUnitOfWork {

    private final LockPort lockPort;
    private final TransactionPort transactionPort;
    private final Idempotency idempotency;
    private final Duration lockWait;

    public GuardedUnitOfWork(LockPort lockPort, TransactionPort transactionPort,
                             IdempotencyStorePort idempotencyStore, IdempotencyRetention retention,
                             Duration lockWait) {
        this.lockPort = lockPort;
        this.transactionPort = transactionPort;
        this.idempotency = new Idempotency(idempotencyStore, transactionPort, retention);
        this.lockWait = lockWait;
    }

    /** Runs {@code work} under the locks of {@code keys}, in one transaction. */
    public <R> R run(Collection<LockKey> keys, Supplier<R> work) {
        return runLocked(keys, lockWait, IdempotencyClaim.none(), work);
    }

    /**
     * Runs {@code work} under the locks of {@code keys}, in one transaction, at most once per idempotency key: a
     * repeat of a request that succeeded is answered by {@code request}'s replay, without locks.
     */
    public <R> R run(Collection<LockKey> keys, IdempotentRequest<R> request, Supplier<R> work) {
        return run(keys, request, () -> null, ignored -> work.get());
    }

    /**
     * As {@link #run(Collection, IdempotentRequest, Supplier)}, with a step before the locks: {@code beforeLocks}
     * settles what needs no lock (and may fail with its own answer) after the replay check and before any lock;
     * its value is handed to {@code work}.
     */
    public <P, R> R run(Collection<LockKey> keys, IdempotentRequest<R> request, Supplier<P> beforeLocks,
                        Function<P, R> work) {
        List<LockKey> ordered = LockKey.sortedDistinct(keys);
        return runClaimed(request, beforeLocks,
                (prepared, claim) -> runLocked(ordered, lockWait, claim, () -> work.apply(prepared)));
    }

    /**
     * The first two steps of {@link #run(Collection, IdempotentRequest, Supplier, Function)}, the replay check and
     * the step before the locks, then {@code proceed} with the prepared value and the request's claim. For work that
     * is placed under its locks by someone else (order combining, where one request locks and places a batch):
     * {@code proceed} must see to it that the claim is run inside the transaction of {@link #runLocked}, before the
     * work's first write and after its last. A claim that fails with
     * {@link com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException} out of {@code proceed} is
     * answered by the first request's replay, as in {@code run}.
     */
    public <P, R> R runClaimed(IdempotentRequest<R> request, Supplier<P> beforeLocks,
                               BiFunction<P, IdempotencyClaim<R>, R> proceed) {
        return idempotency.run(request, claim -> proceed.apply(beforeLocks.get(), claim));
    }

    /**
     * Steps 2 to 4 for {@code keys} within {@code wait} (not the configured lock wait: a request that has already
     * waited in a queue of its own brings what is left of it): lock, open the transaction, run {@code claim} around
     * {@code work}, commit, release.
     */
    public <R> R runLocked(Collection<LockKey> keys, Duration wait, IdempotencyClaim<R> claim, Supplier<R> work) {
        List<LockKey> ordered = LockKey.sortedDistinct(keys);
        long deadline = System.nanoTime() + wait.toNanos();
        return lockPort.withLocks(ordered, wait, () -> transactionPort.inTransaction(() -> {
            lockPort.lockInTransaction(ordered, Duration.ofNanos(deadline - System.nanoTime()));
            claim.claim();
            R result = work.get();
            claim.complete(result);
            return result;
        }));
    }

    /** How long a request may wait for its locks ({@code ecommerce.lock.wait-timeout}). */
    public Duration lockWait() {
        return lockWait;
    }
}

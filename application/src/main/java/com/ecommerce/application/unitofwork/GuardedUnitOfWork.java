package com.ecommerce.application.unitofwork;

import com.ecommerce.application.idempotency.Admission;
import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.shared.port.out.NoFreeConnectionException;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.lock.LockTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every write of contended rows, always in the same order:
 * <ol>
 *   <li>an idempotent request whose key already succeeded, within the retention, is answered from its record,
 *       before any lock (for a batch, each member was admitted on its own thread before it joined);</li>
 *   <li>the keys, sorted once in {@link LockKeys}, are locked by the deployment's {@link LockPort} by the request's
 *       {@link Deadline};</li>
 *   <li>a database connection the pool has free at once is taken (when none is, the locks are let go, one is
 *       waited for, and the locks taken again), and a transaction is opened on it (here, for
 *       every strategy), in which the strategies that lock rows take them first,
 *       then a keyed request's key is claimed (in a batch, each member's at its turn, before its first write), the
 *       work runs, and its result is recorded under the key;</li>
 *   <li>the commit, the connection back to the pool, then the locks are released.</li>
 * </ol>
 * The work reads its rows inside the locks and writes them through the stores, whose version-checked updates fence
 * a write against a lost lock. The work may run more than once ({@link LockPort}'s contract, {@code
 * lock-optimistic}): every run claims again in its own transaction. Two ways in, one per shape of write: {@link #run}
 * for one request, {@link #runBatch} for a batch of requests placed together. Claims and records are written here,
 * never by the work.
 */
public final class GuardedUnitOfWork {

    /**
     * What a batch's work wrote: the result of each member it placed, recorded under that member's key in the
     * batch's transaction. Members it refused are not in it.
     */
    public interface BatchWrites<R> {
        List<Written<R>> written();
    }

    /**
     * Handed to a batch's work: where a member's own writes begin, its key is claimed, by the unit of work. A member
     * refused before that point (out of stock, not enough points) has claimed nothing and leaves no record.
     */
    public interface Claims {
        /** @throws ClaimedElsewhere when the member's key was taken first by a concurrent request */
        void claim(Admission<?> member);

        /**
         * Before a member's refusal by the work's check stands: a request with its key that committed since the
         * member was admitted (the first attempt of a repeat, on another instance or in an earlier batch) may have
         * caused the refusal, and its answer is the member's.
         *
         * @throws ClaimedElsewhere when the member's key has a committed record
         */
        void refused(Admission<?> member);
    }

    /** One member's result, to be recorded under its key. */
    public record Written<R>(Admission<R> admission, R result) {
    }

    /**
     * A batch member's key was claimed and committed first by a concurrent request (on this or another instance):
     * the batch's transaction rolled back; that member is answered by the first request's replay
     * ({@link Admission#answerTaken}), the others may run again without it.
     */
    public static final class ClaimedElsewhere extends RuntimeException {
        private final transient Admission<?> admission;
        private final IdempotencyKeyTakenException taken;

        ClaimedElsewhere(Admission<?> admission, IdempotencyKeyTakenException taken) {
            super(taken.getMessage(), taken, false, false);
            this.admission = admission;
            this.taken = taken;
        }

        public Admission<?> admission() {
            return admission;
        }

        public IdempotencyKeyTakenException taken() {
            return taken;
        }
    }

    private static final int MEMBER_WAIT_PARTS = 4;

    private final LockPort lockPort;
    private final TransactionPort transactionPort;
    private final Idempotency idempotency;
    private final Duration lockWait;

    /** @param lockWait how long one request may wait for its locks ({@code ecommerce.lock.wait-timeout}) */
    public GuardedUnitOfWork(LockPort lockPort, TransactionPort transactionPort, Idempotency idempotency,
                             Duration lockWait) {
        this.lockPort = lockPort;
        this.transactionPort = transactionPort;
        this.idempotency = idempotency;
        this.lockWait = lockWait;
    }

    /**
     * One request's write: answered from its record when it repeats one that succeeded; else {@code work} runs
     * under the locks of {@code keys}, within the lock wait, in one transaction with the record of its result.
     */
    public <R> R run(LockKeys keys, IdempotentRequest<R> request, Supplier<R> work) {
        Admission<R> admission = idempotency.admit(request);
        if (admission.isReplay()) {
            return admission.replayed();
        }
        try {
            return locked(keys, Deadline.after(lockWait), () -> {
                admission.claim();
                R result = work.get();
                admission.complete(result);
                return result;
            });
        } catch (IdempotencyKeyTakenException taken) {
            return admission.answerTaken(taken);
        }
    }

    /**
     * A batch's write: {@code work} runs under the locks of {@code keys} (every member's) by {@code deadline} (the
     * most hurried member's), in one transaction; it calls the {@link Claims} it is given before each member's
     * first write, and what it wrote is then recorded under each member's key.
     *
     * @throws ClaimedElsewhere when a member's key was taken first by a concurrent request; nothing was written
     */
    public <R, B extends BatchWrites<R>> B runBatch(LockKeys keys, Deadline deadline, Function<Claims, B> work) {
        Claims claims = new Claims() {
            @Override
            public void claim(Admission<?> member) {
                try {
                    member.claim();
                } catch (IdempotencyKeyTakenException taken) {
                    throw new ClaimedElsewhere(member, taken);
                }
            }

            @Override
            public void refused(Admission<?> member) {
                try {
                    member.requireUnanswered();
                } catch (IdempotencyKeyTakenException taken) {
                    throw new ClaimedElsewhere(member, taken);
                }
            }
        };
        return locked(keys, deadline, () -> {
            B writes = work.apply(claims);
            writes.written().forEach(written -> written.admission().complete(written.result()));
            return writes;
        });
    }

    /**
     * How long a batch waits for its locks while one member's own balance lock may be what holds it up: a quarter
     * of the lock wait, within the batch's deadline. Past it, the batch finds that member ({@link #probe}) and goes
     * on without it.
     */
    public Deadline memberWait(Deadline batch) {
        return batch.earlier(Deadline.after(lockWait.dividedBy(MEMBER_WAIT_PARTS)));
    }

    /**
     * Whether {@code keys} can be locked by {@code deadline} now: takes them as a write would (the row locks of
     * {@code lock-db} in an empty transaction) and lets them go at once. A batch asks this of each member's balance
     * to find the one that holds it up.
     */
    public boolean probe(LockKeys keys, Deadline deadline) {
        try {
            return locked(keys, deadline, () -> true);
        } catch (LockTimeoutException notGranted) {
            return false;
        }
    }

    /**
     * The locks, then a connection the pool has free at once, then the transaction on it. When the pool has none
     * free (and the strategy holds locks outside the transaction; else there is nothing to let go), the locks are let go, a connection is waited for holding nothing (at most the pool's connection wait,
     * shorter than the lock wait), and the locks are taken again with it in hand. Either way no lock is held while
     * a request waits for the pool, and a request that waits on a lock holds no connection while the pool has
     * others to serve.
     */
    private <T> T locked(LockKeys keys, Deadline deadline, Supplier<T> work) {
        if (!lockPort.holdsLocksOutsideTransaction()) {
            // row locks or a version check: nothing is held until the transaction has its connection
            return lockPort.withLocks(keys, deadline,
                    () -> transactionPort.withConnection(() -> inTransaction(keys, deadline, work)));
        }
        try {
            return lockPort.withLocks(keys, deadline,
                    () -> transactionPort.withFreeConnection(() -> inTransaction(keys, deadline, work)));
        } catch (NoFreeConnectionException poolBusy) {
            return transactionPort.withConnection(
                    () -> lockPort.withLocks(keys, deadline, () -> inTransaction(keys, deadline, work)));
        }
    }

    private <T> T inTransaction(LockKeys keys, Deadline deadline, Supplier<T> work) {
        return transactionPort.inTransaction(() -> {
            lockPort.lockInTransaction(keys, deadline);
            return work.get();
        });
    }
}

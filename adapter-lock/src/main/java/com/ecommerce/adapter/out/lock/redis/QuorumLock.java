package com.ecommerce.adapter.out.lock.redis;

import org.redisson.api.RLock;

import com.ecommerce.domain.lock.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of keys locked on a majority of independent Redis masters: the RedLock algorithm over one Redisson
 * {@link RLock} per master, each of which takes every key of the set or none in one script (the multi-lock of one
 * group, {@link RedisLockAdapter#lockOf}). Written here rather than taken from Redisson because Redisson deprecated
 * its {@code RedissonRedLock} (redisson/redisson#2669, #5965) and points to a single replicated {@code RLock} or to
 * {@code RFencedLock}, neither of which is a quorum over independent masters; {@code RedissonRedLock} would also ask
 * its masters one after another and count its quorum over the locks it is given (the live masters), where counting it
 * over all masters meant overriding a protected internal. The algorithm itself is small:
 * <ol>
 *   <li>ask every master at once, each for the whole set with the lease, and none waited for (a master that holds a
 *   key for someone else refuses at once; one that does not answer fails within the client's timeout and counts as
 *   not taken);</li>
 *   <li>succeed when a majority of <em>all</em> masters granted the set and it is still valid: the lease minus the
 *   time since the round started, minus an allowance for clock drift; the answers still out then are not waited
 *   for, and given back when they come;</li>
 *   <li>otherwise wait for every answer, give back everything asked for in this round (a command that timed out may
 *   have taken the set all the same) and report failure, so the caller can retry within its wait.</li>
 * </ol>
 * No master is waited on: a contender holding some masters while it waited for the others would keep a second one from
 * the majority both need, and Redisson's wake-up on a release of the group reaches one waiter per client, not
 * necessarily the one whose keys were freed. The caller's retries do the waiting. Two contenders that split the vote
 * both fail and retry. Not thread-safe: one instance per acquisition; the masters know the set's owner by the thread
 * that asked, which {@link #release()} gives back for, from any thread.
 */
public final class QuorumLock {

    /** Redis's own RedLock description: 1 % of the lease plus 2 ms for the masters' clocks running apart. */
    private static final double CLOCK_DRIFT_FACTOR = 0.01;
    private static final long CLOCK_DRIFT_MIN_MS = 2;

    private final List<RLock> perNode;
    private final int quorum;
    private final long leaseMs;
    /** Each master's answer to this round, in the order of {@link #perNode}. */
    private List<CompletableFuture<Boolean>> asked = List.of();
    /** The masters counted for the quorum: those that had granted the set when the round was decided. */
    private final List<RLock> held = new ArrayList<>();
    private int answered;
    private long threadId;

    /**
     * @param perNode one lock of the same keys per master that is tried (the masters believed alive)
     * @param quorum  how many masters must hold it: a majority of all masters, dead ones included
     * @param lease   how long each master keeps it unless released
     */
    public QuorumLock(List<RLock> perNode, int quorum, Duration lease) {
        this.perNode = List.copyOf(perNode);
        this.quorum = quorum;
        this.leaseMs = lease.toMillis();
    }

    /**
     * One round: every master asked at once, none waited on.
     *
     * @return true when a majority holds the set within its validity; false after giving back whatever the round took
     */
    public boolean tryAcquire() {
        threadId = Thread.currentThread().threadId();
        held.clear();
        // valid for the lease, less the clock drift, counted from before the first master was asked
        Deadline validity = Deadline.after(Duration.ofMillis(Math.max(0, leaseMs - driftMs())));
        asked = perNode.stream()
                .map(lock -> lock.tryLockAsync(0, leaseMs, TimeUnit.MILLISECONDS, threadId).toCompletableFuture())
                .toList();
        boolean decided = awaitOutcome();
        answered = 0;
        for (int i = 0; i < perNode.size(); i++) {
            CompletableFuture<Boolean> answer = asked.get(i);
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                answered++;
            }
            if (granted(answer)) {
                held.add(perNode.get(i));
            }
        }
        if (decided && held.size() >= quorum && !validity.hasPassed()) {
            return true;
        }
        // before a retry the masters must have it back, or this thread would take it a second time (re-entrantly)
        release(true);
        return false;
    }

    /**
     * Waits until a majority has granted the set or can no longer: too many masters refused it or failed.
     *
     * @return false when the thread was interrupted first
     */
    private boolean awaitOutcome() {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        int mayMiss = perNode.size() - quorum;
        if (mayMiss < 0) {
            outcome.complete(null);
        }
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger missed = new AtomicInteger();
        for (CompletableFuture<Boolean> answer : asked) {
            answer.whenComplete((taken, failure) -> {
                if (Boolean.TRUE.equals(taken) ? granted.incrementAndGet() >= quorum
                        : missed.incrementAndGet() > mayMiss) {
                    outcome.complete(null);
                }
            });
        }
        try {
            outcome.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private long driftMs() {
        return (long) (leaseMs * CLOCK_DRIFT_FACTOR) + CLOCK_DRIFT_MIN_MS;
    }

    /**
     * Gives the set back on every master that may hold it, all at once: those counted, those that granted it after the
     * round was decided, and those whose command failed (which may have taken it). The last are not waited for: if they
     * hold it at all, they have it back when their answer comes, or when the lease ends.
     *
     * @return on how many of the masters counted it was still this holder's (fewer than the quorum: the lock was lost
     *         meanwhile)
     */
    public int release() {
        return release(false);
    }

    private int release(boolean waitForAll) {
        List<CompletableFuture<Void>> counted = new ArrayList<>();
        List<CompletableFuture<Void>> waited = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            RLock lock = perNode.get(i);
            CompletableFuture<Boolean> answer = asked.get(i);
            CompletableFuture<Void> giveBack = answer
                    .handle((taken, failure) -> !Boolean.FALSE.equals(taken))
                    .thenCompose(mayHold -> mayHold ? lock.unlockAsync(threadId).toCompletableFuture()
                            : CompletableFuture.<Void>completedFuture(null));
            if (held.contains(lock)) {
                counted.add(giveBack);
            } else if (waitForAll || granted(answer)) {
                waited.add(giveBack);
            }
        }
        int stillHeld = 0;
        for (CompletableFuture<Void> release : counted) {
            if (released(release)) {
                stillHeld++;
            }
        }
        waited.forEach(QuorumLock::released);
        asked = List.of();
        held.clear();
        return stillHeld;
    }

    private static boolean granted(CompletableFuture<Boolean> answer) {
        return answer.isDone() && !answer.isCompletedExceptionally() && answer.join();
    }

    /** Whether the master gave the set back; false when it was no longer ours (expired) or did not answer. */
    private static boolean released(CompletableFuture<Void> release) {
        try {
            release.join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    public int quorum() {
        return quorum;
    }

    /** How many masters answered the last round, granting or refusing (the others failed or had not answered yet). */
    public int answered() {
        return answered;
    }
}

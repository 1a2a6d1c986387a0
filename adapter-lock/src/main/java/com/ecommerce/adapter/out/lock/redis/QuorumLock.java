package com.ecommerce.adapter.out.lock.redis;

import org.redisson.api.RFuture;
import org.redisson.api.RLock;
import org.redisson.client.RedisException;

import com.ecommerce.domain.lock.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One key locked on a majority of independent Redis masters: the RedLock algorithm over one plain Redisson
 * {@link RLock} per master. Written here rather than taken from Redisson because Redisson deprecated its
 * {@code RedissonRedLock} (redisson/redisson#2669, #5965) and points to a single replicated {@code RLock} or to
 * {@code RFencedLock}, neither of which is a quorum over independent masters; subclassing the deprecated class to
 * count the quorum over all masters meant overriding a protected internal. The algorithm itself is small:
 * <ol>
 *   <li>take the lock on each master in turn, each with the lease and a bounded wait of its own (a master that does
 *   not answer fails within the client's timeout and counts as not taken; once a majority is held the rest are only
 *   tried, not waited for);</li>
 *   <li>succeed when a majority of <em>all</em> masters is held and the lock is still valid: the lease minus the
 *   time since the first taken master was asked, minus an allowance for clock drift between the masters;</li>
 *   <li>otherwise give back everything asked for in this round (a command that timed out may have taken the lock
 *   all the same) and report failure, so the caller can retry within its wait.</li>
 * </ol>
 * Every contender visits the masters in the same order, so two of them rarely split the vote; when they do, both
 * rounds fail and are retried. Not thread-safe: one instance per acquisition, released by the thread that took it
 * (Redisson locks belong to a thread).
 */
public final class QuorumLock {

    /** Redis's own RedLock description: 1 % of the lease plus 2 ms for the masters' clocks running apart. */
    private static final double CLOCK_DRIFT_FACTOR = 0.01;
    private static final long CLOCK_DRIFT_MIN_MS = 2;

    private final List<RLock> perNode;
    private final int quorum;
    private final long leaseMs;
    private final List<RLock> held = new ArrayList<>();
    /** Masters whose command failed: they may hold the lock, so they are released too, but not counted. */
    private final List<RLock> uncertain = new ArrayList<>();
    private long threadId;

    /**
     * @param perNode one lock of the same name per master that is tried (the masters believed alive)
     * @param quorum  how many masters must hold it: a majority of all masters, dead ones included
     * @param lease   how long each master keeps it unless released
     */
    public QuorumLock(List<RLock> perNode, int quorum, Duration lease) {
        this.perNode = List.copyOf(perNode);
        this.quorum = quorum;
        this.leaseMs = lease.toMillis();
    }

    /**
     * One round over the masters, each waited for at most {@code perNodeWait} and none past {@code deadline}.
     *
     * @return true when a majority is held within its validity; false after giving back whatever the round took
     */
    public boolean tryAcquire(Deadline deadline, Duration perNodeWait) {
        threadId = Thread.currentThread().threadId();
        Deadline validity = null;
        for (int i = 0; i < perNode.size(); i++) {
            if (held.size() + (perNode.size() - i) < quorum) {
                break;
            }
            long waitMs = held.size() >= quorum ? 0 : Math.min(perNodeWait.toMillis(), deadline.remaining().toMillis());
            RLock lock = perNode.get(i);
            // the lock is valid for its lease, less the clock drift, counted from when the first master was asked
            Deadline validIfFirst = Deadline.after(Duration.ofMillis(Math.max(0, leaseMs - driftMs())));
            try {
                if (lock.tryLock(waitMs, leaseMs, TimeUnit.MILLISECONDS)) {
                    if (held.isEmpty()) {
                        validity = validIfFirst;
                    }
                    held.add(lock);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                uncertain.add(lock);
                break;
            } catch (RedisException e) {
                uncertain.add(lock);
            }
        }
        if (held.size() >= quorum && !validity.hasPassed()) {
            return true;
        }
        // before a retry the masters must have it back, or this thread would take it a second time (re-entrantly)
        release(true);
        return false;
    }

    private long driftMs() {
        return (long) (leaseMs * CLOCK_DRIFT_FACTOR) + CLOCK_DRIFT_MIN_MS;
    }

    /**
     * Releases the lock on every master that holds it, all at once (a master whose command failed is sent a release
     * too, but not waited for: if it holds the lock at all, its lease ends it).
     *
     * @return on how many masters it was still this holder's (fewer than the quorum: the lock was lost meanwhile)
     */
    public int release() {
        return release(false);
    }

    private int release(boolean waitForUncertain) {
        List<RFuture<Void>> countedReleases = held.stream().map(lock -> lock.unlockAsync(threadId)).toList();
        List<RFuture<Void>> otherReleases = uncertain.stream().map(lock -> lock.unlockAsync(threadId)).toList();
        int stillHeld = 0;
        for (RFuture<Void> release : countedReleases) {
            if (released(release)) {
                stillHeld++;
            }
        }
        if (waitForUncertain) {
            otherReleases.forEach(QuorumLock::released);
        }
        held.clear();
        uncertain.clear();
        return stillHeld;
    }

    /** Whether the master gave the lock back; false when it was no longer ours (expired) or did not answer. */
    private static boolean released(RFuture<Void> release) {
        try {
            release.toCompletableFuture().join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    public int quorum() {
        return quorum;
    }

    /** The lock's name, the same on every master. */
    public String name() {
        return perNode.getFirst().getName();
    }
}

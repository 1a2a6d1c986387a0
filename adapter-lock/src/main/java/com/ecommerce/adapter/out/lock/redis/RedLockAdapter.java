package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * RedLock: a unit of work's keys are locked together on a majority of N independent Redis masters, by a
 * {@link QuorumLock} over one Redisson multi-lock of the keys per master (Redisson's own {@code RedissonRedLock} is
 * deprecated; {@link QuorumLock} says why the quorum is counted here). Each master takes every key of the set or none,
 * in one script, with one owner and one lease ({@link RedisLockAdapter#lockOf}, the layout of {@code lock-redis}); the
 * masters are asked at once, so a batch of 30 buyers and an item costs one round of N script calls, where a quorum
 * lock per key cost 31 rounds of N calls one after another. The quorum is counted once per set: a majority of all
 * masters must have granted all of it.
 *
 * <p>What taking the set whole costs: a set that finds one of its keys held gets none of them and waits as a whole,
 * and no master is waited on (see {@link QuorumLock}): a refused round is retried after a short random pause that
 * grows with each retry, so a freed key is found within that pause rather than on a notification. The keys' expiry
 * times are written from the client's clock, so the instances' clocks must agree to well within the lease.
 *
 * <p>When a round fails without a quorum of masters answering, the nodes are probed: fewer than a quorum reachable is
 * {@code LOCK_UNAVAILABLE} (the lock service cannot grant locks), otherwise the round is retried while the wait lasts,
 * then {@code LOCK_TIMEOUT} (someone else holds a key).
 */
public class RedLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedLockAdapter.class);
    private static final Duration PROBE = Duration.ofMillis(500);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(2);
    private static final Duration MAX_PAUSE = Duration.ofMillis(50);

    private final List<RedissonClient> nodes;
    private final int quorum;
    private final Duration leaseTime;
    /** When the live masters are to be probed again; passed at start, so the first request probes. */
    private volatile Deadline nextProbe = Deadline.after(Duration.ZERO);
    private volatile List<RedissonClient> lastLive;
    private final Object probing = new Object();

    public RedLockAdapter(List<RedissonClient> nodes, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        if (nodes.size() < 3) {
            throw new IllegalArgumentException("RedLock needs at least 3 independent Redis masters, got " + nodes.size());
        }
        this.nodes = List.copyOf(nodes);
        this.quorum = nodes.size() / 2 + 1;
        this.leaseTime = leaseTime;
        // assume the nodes are up until a probe says otherwise, so that start-up traffic does not fail on a guess
        this.lastLive = this.nodes;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.REDLOCK;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        List<RedissonClient> live = liveNodesOrFail();
        QuorumLock lock = new QuorumLock(live.stream().map(node -> RedisLockAdapter.lockOf(node, keys)).toList(),
                quorum, leaseTime);
        for (int round = 1; !lock.tryAcquire(); round++) {
            if (lock.answered() < quorum) {
                // Not refused by a quorum: are the masters down, or only slow to answer?
                lastLive = probe(nodes);
                nextProbe = Deadline.after(PROBE_EVERY);
                int reachable = lastLive.size();
                if (reachable < quorum) {
                    throw new LockUnavailableException(reachable + " of " + nodes.size() + " Redis nodes reachable, "
                            + quorum + " needed", null);
                }
            }
            // A quorum that answers is busy or someone else holds a key, not down: try again while the wait lasts.
            if (deadline.hasPassed() || Thread.currentThread().isInterrupted()) {
                throw deadline.exceeded(keys);
            }
            pause(round, keys, deadline);
        }
        return () -> release(lock, keys);
    }

    /**
     * The pause before the next round, never past the deadline (so the last round is tried when the wait ends): a
     * random time between half and all of 2 ms doubled with each round, at most {@link #MAX_PAUSE}, so that
     * contenders that split the vote do not meet again in step.
     */
    private static void pause(int round, LockKeys keys, Deadline deadline) {
        long ceiling = Math.min(MAX_PAUSE.toNanos(), FIRST_PAUSE.toNanos() << Math.min(round - 1, 20));
        long pause = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, deadline.remainingNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        }
    }

    /**
     * Releases the set on its masters at once; one that fewer than a quorum of masters still held for us had expired
     * before its release: each of its keys counted as lost, and logged.
     */
    private void release(QuorumLock lock, LockKeys keys) {
        if (lock.release() < lock.quorum()) {
            keys.asList().forEach(key -> metrics.lost());
            log.warn("RedLock on {} expired before release (lease {}); the version check guarded the writes",
                    keys, leaseTime);
        }
    }

    /**
     * The masters that answered the last probe. Probes run at most once a second (one request pays for it: under a
     * millisecond, at most 500 ms while a node is down). Locking only those masters keeps a dead one from costing
     * every acquisition its timeout, which on a hot key would turn into a queue of {@code LOCK_TIMEOUT}s; the quorum
     * is still counted over all N. Without a quorum alive, requests fail at once with {@code LOCK_UNAVAILABLE}, and
     * recover within a second of the masters coming back.
     */
    private List<RedissonClient> liveNodesOrFail() {
        if (nextProbe.hasPassed()) {
            // one thread probes; the others wait for its answer instead of acting on a stale one
            synchronized (probing) {
                if (nextProbe.hasPassed()) {
                    lastLive = probe(nodes);
                    nextProbe = Deadline.after(PROBE_EVERY);
                }
            }
        }
        List<RedissonClient> live = lastLive;
        if (live.size() < quorum) {
            throw new LockUnavailableException(live.size() + " of " + nodes.size() + " Redis nodes reachable, "
                    + quorum + " needed", null);
        }
        return live;
    }

    private static List<RedissonClient> probe(List<RedissonClient> nodes) {
        List<CompletableFuture<Boolean>> probes = nodes.stream().map(n -> RedissonClients.reachable(n, PROBE)).toList();
        List<RedissonClient> live = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (probes.get(i).join()) {
                live.add(nodes.get(i));
            }
        }
        return List.copyOf(live);
    }

    int reachableNodes() {
        return reachable(nodes);
    }

    /** How many of {@code nodes} answer a probe now. */
    static int reachable(List<RedissonClient> nodes) {
        return probe(nodes).size();
    }

    public List<RedissonClient> nodes() {
        return nodes;
    }

    public void shutdown() {
        nodes.forEach(RedissonClient::shutdown);
    }
}

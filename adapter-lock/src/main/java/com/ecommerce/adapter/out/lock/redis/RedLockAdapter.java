package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RedLock: each key is locked on a majority of N independent Redis masters, by a {@link QuorumLock} over one plain
 * Redisson {@code RLock} per master (Redisson's own {@code RedissonRedLock} is deprecated; {@link QuorumLock} says
 * why the quorum is counted here). Keys are taken one after another in key order, each as its own quorum lock (one
 * quorum over all keys would accept a majority of (node, key) pairs, which is not a majority per key).
 *
 * <p>When a key cannot be had, the nodes are probed: fewer than a quorum reachable is {@code LOCK_UNAVAILABLE}
 * (the lock service cannot grant locks), otherwise the round is retried while the wait lasts, then
 * {@code LOCK_TIMEOUT} (someone else holds it).
 */
public class RedLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedLockAdapter.class);
    private static final Duration PROBE = Duration.ofMillis(500);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

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
        Deque<QuorumLock> held = new ArrayDeque<>();
        for (LockKey key : keys) {
            String name = RedissonClients.KEY_PREFIX + key.asString();
            QuorumLock lock = new QuorumLock(live.stream().map(node -> node.getLock(name)).toList(), quorum, leaseTime);
            while (!lock.tryAcquire(deadline, perNodeWait(deadline, live.size()))) {
                // A quorum that answers is busy or held by someone else, not down: try again while the wait lasts.
                lastLive = probe(nodes);
                nextProbe = Deadline.after(PROBE_EVERY);
                int reachable = lastLive.size();
                if (reachable < quorum) {
                    releaseAll(held);
                    throw new LockUnavailableException(reachable + " of " + nodes.size() + " Redis nodes reachable, "
                            + quorum + " needed", null);
                }
                if (deadline.hasPassed() || Thread.currentThread().isInterrupted()) {
                    releaseAll(held);
                    throw deadline.exceeded(keys);
                }
            }
            held.push(lock);
        }
        return () -> releaseAll(held);
    }

    /**
     * What one master may be waited for in a round: an equal share of what is left of the wait (as Redisson's
     * RedLock did), so that a master held by someone else cannot use up the whole wait of a round.
     */
    private static Duration perNodeWait(Deadline deadline, int masters) {
        return Duration.ofMillis(Math.max(1, deadline.remaining().toMillis() / masters));
    }

    /**
     * Releases each quorum lock (its masters at once); one that fewer than a quorum of masters still held for us had
     * expired before its release: counted as lost and logged.
     */
    private void releaseAll(Deque<QuorumLock> held) {
        while (!held.isEmpty()) {
            QuorumLock lock = held.pop();
            if (lock.release() < lock.quorum()) {
                metrics.lost();
                log.warn("RedLock on {} expired before release (lease {}); the version check guarded the writes",
                        lock.name(), leaseTime);
            }
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

package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.redisson.RedissonRedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RedLock: each key is locked on a majority of N independent Redis masters, with Redisson's
 * {@link RedissonRedLock}. Redisson deprecated it in favour of plain {@code RLock} on a replicated deployment,
 * but it is still the quorum algorithm over independent masters that this strategy is about, so it is used
 * deliberately. Keys are taken one after another in key order, each as its own quorum lock (a single RedLock
 * over all keys would accept a majority of (node, key) pairs, which is not a majority per key).
 *
 * <p>When a key cannot be had, the nodes are probed: fewer than a quorum reachable is {@code LOCK_UNAVAILABLE}
 * (the lock service cannot grant locks), otherwise {@code LOCK_TIMEOUT} (someone else holds it).
 */
@SuppressWarnings("deprecation")
public class RedLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedLockAdapter.class);
    private static final Duration PROBE = Duration.ofMillis(500);
    private static final long PROBE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final List<RedissonClient> nodes;
    private final int quorum;
    private final Duration leaseTime;
    private volatile long lastProbeNanos = System.nanoTime() - PROBE_EVERY_NANOS;
    private volatile List<RedissonClient> lastLive;
    private final Object probing = new Object();

    /**
     * A RedLock over the masters believed alive that still demands a quorum of <em>all</em> N masters (Redisson's
     * own asks for a majority of the locks it is given, which over fewer live nodes would be less than N/2+1).
     */
    private static final class QuorumRedLock extends RedissonRedLock {
        private final int quorum;

        QuorumRedLock(int quorum, RLock... locks) {
            super(locks);
            this.quorum = quorum;
        }

        @Override
        protected int minLocksAmount(List<RLock> locks) {
            return quorum;
        }
    }

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
    protected Held acquire(List<LockKey> ordered, Duration waitTimeout) {
        List<RedissonClient> live = liveNodesOrFail();
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        Deque<RLock[]> held = new ArrayDeque<>();
        for (LockKey key : ordered) {
            RLock[] perNode = live.stream()
                    .map(node -> node.getLock(RedissonClients.KEY_PREFIX + key.asString())).toArray(RLock[]::new);
            RedissonRedLock redLock = new QuorumRedLock(quorum, perNode);
            while (!tryLock(redLock, deadline)) {
                // A quorum that answers is busy, not down: try again while the wait lasts. (RedissonRedLock gives
                // up early when too many nodes fail a command, for example a reply that came late under load.)
                lastLive = probe(nodes);
                lastProbeNanos = System.nanoTime();
                int reachable = lastLive.size();
                if (reachable < quorum) {
                    releaseAll(held);
                    throw new LockUnavailableException(reachable + " of " + nodes.size() + " Redis nodes reachable, "
                            + quorum + " needed", null);
                }
                if (deadline - System.nanoTime() <= 0 || Thread.currentThread().isInterrupted()) {
                    releaseAll(held);
                    throw new LockTimeoutException(ordered.toString(), waitTimeout);
                }
            }
            held.push(perNode);
        }
        return () -> releaseAll(held);
    }

    private boolean tryLock(RedissonRedLock redLock, long deadline) {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            return false;
        }
        try {
            return redLock.tryLock(remainingMs, leaseTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RedisException e) {
            return false;
        }
    }

    /**
     * Releases each quorum lock. RedissonRedLock's unlock ignores nodes where the lock is gone, so a lost lock
     * (held on fewer than a quorum of nodes by now) is detected here first, for the metric and the log.
     */
    private void releaseAll(Deque<RLock[]> held) {
        while (!held.isEmpty()) {
            RLock[] perNode = held.pop();
            if (heldOn(perNode) < quorum) {
                metrics.lost();
                log.warn("RedLock on {} expired before release (lease {}); the version check guarded the writes",
                        perNode[0].getName(), leaseTime);
            }
            try {
                new QuorumRedLock(quorum, perNode).unlock();
            } catch (RedisException | IllegalMonitorStateException e) {
                log.warn("Could not release a RedLock ({}); its lease ends it", e.getMessage());
            }
        }
    }

    private static int heldOn(RLock[] perNode) {
        int held = 0;
        for (RLock lock : perNode) {
            try {
                if (lock.isHeldByCurrentThread()) {
                    held++;
                }
            } catch (RedisException e) {
                // an unreachable node does not hold it for us
            }
        }
        return held;
    }

    /**
     * The masters that answered the last probe. Probes run at most once a second (one request pays for it: under a
     * millisecond, at most 500 ms while a node is down). Locking only those masters keeps a dead one from costing
     * every acquisition its timeout, which on a hot key would turn into a queue of {@code LOCK_TIMEOUT}s; the quorum
     * is still counted over all N. Without a quorum alive, requests fail at once with {@code LOCK_UNAVAILABLE}, and
     * recover within a second of the masters coming back.
     */
    private List<RedissonClient> liveNodesOrFail() {
        if (System.nanoTime() - lastProbeNanos > PROBE_EVERY_NANOS) {
            // one thread probes; the others wait for its answer instead of acting on a stale one
            synchronized (probing) {
                if (System.nanoTime() - lastProbeNanos > PROBE_EVERY_NANOS) {
                    lastLive = probe(nodes);
                    lastProbeNanos = System.nanoTime();
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

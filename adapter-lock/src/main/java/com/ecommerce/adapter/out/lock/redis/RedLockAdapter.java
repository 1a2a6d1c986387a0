package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
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

    private final List<RedissonClient> nodes;
    private final int quorum;
    private final Duration leaseTime;

    public RedLockAdapter(List<RedissonClient> nodes, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        if (nodes.size() < 3) {
            throw new IllegalArgumentException("RedLock needs at least 3 independent Redis masters, got " + nodes.size());
        }
        this.nodes = List.copyOf(nodes);
        this.quorum = nodes.size() / 2 + 1;
        this.leaseTime = leaseTime;
    }

    @Override
    public String strategyName() {
        return "redlock";
    }

    @Override
    protected Held acquire(List<LockKey> ordered, Duration waitTimeout) {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        Deque<RLock[]> held = new ArrayDeque<>();
        for (LockKey key : ordered) {
            RLock[] perNode = nodes.stream()
                    .map(node -> node.getLock(RedissonClients.KEY_PREFIX + key.asString())).toArray(RLock[]::new);
            RedissonRedLock redLock = new RedissonRedLock(perNode);
            long remainingMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            boolean acquired;
            try {
                acquired = remainingMs > 0 && redLock.tryLock(remainingMs, leaseTime.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acquired = false;
            } catch (RedisException e) {
                acquired = false;
            }
            if (!acquired) {
                releaseAll(held);
                int reachable = reachableNodes();
                if (reachable < quorum) {
                    throw new LockUnavailableException(reachable + " of " + nodes.size() + " Redis nodes reachable, "
                            + quorum + " needed", null);
                }
                throw new LockTimeoutException(ordered.toString(), waitTimeout);
            }
            held.push(perNode);
        }
        return () -> releaseAll(held);
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
                new RedissonRedLock(perNode).unlock();
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

    int reachableNodes() {
        List<CompletableFuture<Boolean>> probes = nodes.stream().map(n -> RedissonClients.reachable(n, PROBE)).toList();
        return (int) probes.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();
    }

    public List<RedissonClient> nodes() {
        return nodes;
    }

    public void shutdown() {
        nodes.forEach(RedissonClient::shutdown);
    }
}

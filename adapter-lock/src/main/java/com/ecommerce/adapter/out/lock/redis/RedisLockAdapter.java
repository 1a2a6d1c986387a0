package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Redisson {@link RLock} per key on one Redis; several keys through a {@code RedissonMultiLock} built in key
 * order (it acquires its locks in list order, releasing all and retrying on a miss). Each lock has an explicit
 * lease ({@code ecommerce.lock.lease-time}) rather than the watchdog: a paused or partitioned holder loses its lock
 * after the lease, and the version check then refuses its late write. Only the owner releases, after the commit.
 */
public class RedisLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisLockAdapter.class);

    /** The least time a probe gets to tell a busy Redis from a dead one, even when the wait is nearly over. */
    private static final Duration PROBE_MIN = Duration.ofSeconds(1);

    private final RedissonClient redisson;
    private final Duration leaseTime;

    public RedisLockAdapter(RedissonClient redisson, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        this.redisson = redisson;
        this.leaseTime = leaseTime;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.REDIS;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        RLock[] locks = keys.asList().stream()
                .map(k -> redisson.getLock(RedissonClients.KEY_PREFIX + k.asString())).toArray(RLock[]::new);
        RLock lock = locks.length == 1 ? locks[0] : redisson.getMultiLock(locks);
        while (true) {
            long remainingMs = deadline.remaining(TimeUnit.MILLISECONDS);
            try {
                if (remainingMs > 0 && lock.tryLock(remainingMs, leaseTime.toMillis(), TimeUnit.MILLISECONDS)) {
                    return () -> release(lock, keys);
                }
                throw deadline.exceeded(keys);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw deadline.exceeded(keys, e);
            } catch (RedisException e) {
                busyOrDown(e, locks, keys, deadline);
            }
        }
    }

    /**
     * A command failed (typically a reply later than the client timeout). Whether Redis is down or only busy (a
     * loaded machine, a starved client thread) is asked with a probe: no answer is {@code LOCK_UNAVAILABLE}; an
     * answer means busy, so whatever the failed command may have taken is given back and the caller tries again
     * while its wait lasts ({@code LOCK_TIMEOUT} when it is over).
     */
    private void busyOrDown(RedisException failure, RLock[] locks, LockKeys keys, Deadline deadline) {
        Duration probe = Duration.ofNanos(Math.max(PROBE_MIN.toNanos(), deadline.remainingNanos()));
        if (!RedissonClients.reachable(redisson, probe).join()) {
            throw new LockUnavailableException("Redis did not answer: " + failure.getClass().getSimpleName(), failure);
        }
        for (RLock one : locks) {
            try {
                if (one.isHeldByCurrentThread()) {
                    one.unlock();
                }
            } catch (RedisException | IllegalMonitorStateException e) {
                // its lease ends it
            }
        }
        if (deadline.hasPassed()) {
            throw deadline.exceeded(keys, failure);
        }
        log.debug("Redis answered late ({}); retrying {} within the wait", failure.getMessage(), keys);
    }

    private void release(RLock lock, LockKeys keys) {
        try {
            lock.unlock();
        } catch (IllegalMonitorStateException e) {
            metrics.lost();
            log.warn("Lock on {} expired before release (lease {}); the version check guarded the writes", keys, leaseTime);
        } catch (RedisException e) {
            log.warn("Could not release {} ({}); its lease ends it", keys, e.getMessage());
        }
    }
}

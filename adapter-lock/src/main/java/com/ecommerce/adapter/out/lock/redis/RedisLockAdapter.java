package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Redisson {@link RLock} per key on one Redis; several keys through a {@code RedissonMultiLock} built in key
 * order (it acquires its locks in list order, releasing all and retrying on a miss). Each lock has an explicit
 * lease ({@code ecommerce.lock.lease-time}) rather than the watchdog: a paused or partitioned holder loses its lock
 * after the lease, and the version check then refuses its late write. Only the owner releases, after the commit.
 */
public class RedisLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisLockAdapter.class);

    private final RedissonClient redisson;
    private final Duration leaseTime;

    public RedisLockAdapter(RedissonClient redisson, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        this.redisson = redisson;
        this.leaseTime = leaseTime;
    }

    @Override
    public String strategyName() {
        return "redis";
    }

    @Override
    protected Held acquire(List<LockKey> ordered, Duration waitTimeout) {
        RLock[] locks = ordered.stream().map(k -> redisson.getLock(RedissonClients.KEY_PREFIX + k.asString()))
                .toArray(RLock[]::new);
        RLock lock = locks.length == 1 ? locks[0] : redisson.getMultiLock(locks);
        boolean acquired;
        try {
            acquired = lock.tryLock(waitTimeout.toMillis(), leaseTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException(ordered.toString(), waitTimeout, e);
        } catch (RedisException e) {
            throw new LockUnavailableException("Redis did not answer: " + e.getClass().getSimpleName(), e);
        }
        if (!acquired) {
            throw new LockTimeoutException(ordered.toString(), waitTimeout);
        }
        return () -> release(lock, ordered);
    }

    private void release(RLock lock, List<LockKey> keys) {
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

package com.ecommerce.adapter.out.lock.hazelcast;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One lock of an {@link IMap} per key, taken in key order on the cluster the instances form as embedded members.
 * (The linearizable {@code FencedLock} of Hazelcast's CP subsystem is not in the open-source edition since 5.5.) Each
 * lock has a lease ({@code ecommerce.lock.lease-time}), and the cluster frees the locks of a member it removes, so a
 * paused or dead holder loses its lock; the version check then refuses its late write. A map lock belongs to the
 * member and thread that took it, which is why {@code withLocks} releases on the thread that acquired.
 *
 * <p>A split brain makes two clusters, and each grants the same key: these locks exclude only within one cluster,
 * and the version check is what keeps the data right then.
 */
public class HazelcastLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(HazelcastLockAdapter.class);
    static final String MAP = "ecommerce-locks";

    private final HazelcastInstance member;
    private final Duration leaseTime;

    public HazelcastLockAdapter(HazelcastInstance member, Duration leaseTime, LockMetrics metrics) {
        super(metrics);
        this.member = member;
        this.leaseTime = leaseTime;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.HAZELCAST;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        if (!member.getLifecycleService().isRunning()) {
            throw new LockUnavailableException("the Hazelcast member is not running", null);
        }
        List<String> taken = new ArrayList<>(keys.asList().size());
        try {
            IMap<String, Boolean> locks = member.getMap(MAP);
            for (LockKey key : keys) {
                long remainingMs = deadline.remaining(TimeUnit.MILLISECONDS);
                if (remainingMs <= 0 || !locks.tryLock(key.asString(), remainingMs, TimeUnit.MILLISECONDS,
                        leaseTime.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw deadline.exceeded(keys);
                }
                taken.add(key.asString());
            }
            return () -> release(locks, taken, keys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveBack(taken);
            throw deadline.exceeded(keys, e);
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            giveBack(taken);
            throw new LockUnavailableException("Hazelcast did not grant the lock: " + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            giveBack(taken);
            throw e;
        }
    }

    /** What a failed acquire took; a key that cannot be given back now is freed by its lease. */
    private void giveBack(List<String> taken) {
        for (String key : taken) {
            try {
                member.<String, Boolean>getMap(MAP).unlock(key);
            } catch (RuntimeException e) {
                log.debug("Could not give back {} ({}); its lease ends it", key, e.getMessage());
            }
        }
    }

    private void release(IMap<String, Boolean> locks, List<String> taken, LockKeys keys) {
        for (String key : taken.reversed()) {
            try {
                locks.unlock(key);
            } catch (IllegalMonitorStateException e) {
                metrics.lost();
                log.warn("Lock on {} of {} was no longer held at release (lease {} or member removed); the version "
                        + "check guarded the writes", key, keys, leaseTime);
            } catch (HazelcastInstanceNotActiveException e) {
                // a member that stopped holds nothing: the cluster freed its locks when it removed it
                metrics.lost();
                log.warn("The Hazelcast member stopped while {} was held; the version check guarded the writes", keys);
                return;
            } catch (HazelcastException e) {
                log.warn("Could not release {} ({}); its lease ends it", key, e.getMessage());
            }
        }
    }
}

package com.ecommerce.adapter.out.lock.jdbc;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.transaction.TransactionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One row per key in the lock table of the service's own database ({@code INT_LOCK}), through Spring Integration's
 * {@link JdbcLockRegistry}: the keys are taken one by one in their global order, each with what is left of the wait,
 * and whatever was taken is given back when one is not. A row claims its key for the time-to-live
 * ({@code ecommerce.lock.lease-time}) and is not renewed: a holder paused past it loses the key to the next instance
 * that asks, and the version check then refuses its late write. The times are the instances' clocks, not the
 * database's, and on MariaDB through mysql-connector-j they keep whole seconds, so a key is free from a time-to-live
 * after it was taken to a second later. Built by {@link JdbcLockTable}.
 */
public class JdbcLockAdapter extends AbstractLockAdapter {

    private static final Logger log = LoggerFactory.getLogger(JdbcLockAdapter.class);

    private final JdbcLockRegistry registry;
    private final Duration timeToLive;

    public JdbcLockAdapter(JdbcLockRegistry registry, Duration timeToLive, LockMetrics metrics) {
        super(metrics);
        this.registry = registry;
        this.timeToLive = timeToLive;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.JDBC;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        List<DistributedLock> taken = new ArrayList<>(keys.asList().size());
        // counted from before the first row is written, so that no row's time-to-live ends before this one does
        Deadline firstRowsEnd = Deadline.after(timeToLive);
        try {
            for (LockKey key : keys) {
                DistributedLock lock = registry.obtain(key.asString());
                if (!lock.tryLock(Duration.ofMillis(deadline.remaining(TimeUnit.MILLISECONDS)), timeToLive)) {
                    giveBack(taken, keys);
                    throw deadline.exceeded(keys);
                }
                taken.add(lock);
            }
        } catch (InterruptedException e) {
            giveBack(taken, keys);
            Thread.currentThread().interrupt();
            throw deadline.exceeded(keys, e);
        } catch (DataAccessException | TransactionException e) {
            // the registry retries transient failures itself; what reaches here is a database it cannot use
            giveBack(taken, keys);
            throw new LockUnavailableException("The lock table did not answer: " + e.getClass().getSimpleName(), e);
        }
        return () -> release(taken, keys, firstRowsEnd);
    }

    /**
     * A row that is no longer this holder's (its time-to-live ran out and another instance took it over, or the
     * registry deleted it as expired) is a lost lock; so is a hold longer than the time-to-live, which anyone could
     * have taken meanwhile. Either way the version check has guarded the writes.
     */
    private void release(List<DistributedLock> taken, LockKeys keys, Deadline firstRowsEnd) {
        int lost = giveBack(taken, keys);
        if (lost > 0 || firstRowsEnd.hasPassed()) {
            metrics.lost();
            log.warn("Lock on {} outlived its time-to-live of {} ({} row(s) taken over by then); the version check "
                    + "guarded the writes", keys, timeToLive, lost);
        }
    }

    /** Releases in reverse order of taking; returns how many rows were no longer this holder's. */
    private static int giveBack(List<DistributedLock> taken, LockKeys keys) {
        int lost = 0;
        for (DistributedLock lock : taken.reversed()) {
            try {
                lock.unlock();
            } catch (ConcurrentModificationException e) {
                lost++;
            } catch (DataAccessException | TransactionException e) {
                log.warn("Could not release a lock of {} ({}); its time-to-live ends it", keys, e.getMessage());
            }
        }
        return lost;
    }
}

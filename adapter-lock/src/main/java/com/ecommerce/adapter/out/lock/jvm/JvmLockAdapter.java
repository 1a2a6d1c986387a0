package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@link ReentrantLock} per key, in this JVM only: correct for exactly one instance of the service. On two
 * instances it excludes nothing across them; the version check then turns the collisions into
 * {@code CONCURRENT_UPDATE} instead of lost updates.
 *
 * <p>The lock table does not grow without bound: an entry counts the threads that hold or wait for it and is
 * removed when that count reaches zero. Counting and removal both happen inside {@link ConcurrentHashMap#compute},
 * which is atomic per key, so a thread can never pick up an entry that is being dropped while another thread
 * creates a fresh one (that race would let two threads in at once).
 *
 * <p>Fairness is on by default: the critical section is a database transaction (milliseconds), so the
 * microseconds a FIFO hand-off costs are noise, while an unfair lock lets newcomers barge past threads that have
 * been waiting and can starve them into a {@code LOCK_TIMEOUT}. Fair locks make the wait bounded by the queue ahead.
 */
public class JvmLockAdapter extends AbstractLockAdapter {

    private static final class Entry {
        final ReentrantLock lock;
        int users;

        Entry(boolean fair) {
            this.lock = new ReentrantLock(fair);
        }
    }

    private final ConcurrentHashMap<LockKey, Entry> table = new ConcurrentHashMap<>();
    private final boolean fair;

    public JvmLockAdapter(boolean fair, LockMetrics metrics) {
        super(metrics);
        this.fair = fair;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.JVM;
    }

    @Override
    protected Held acquire(LockKeys keys, Deadline deadline) {
        Deque<LockKey> held = new ArrayDeque<>();
        for (LockKey key : keys) {
            if (!acquireOne(key, deadline.remainingNanos())) {
                releaseAll(held);
                throw deadline.exceeded(keys);
            }
            held.push(key);
        }
        return () -> releaseAll(held);
    }

    private void releaseAll(Deque<LockKey> held) {
        while (!held.isEmpty()) {
            LockKey key = held.pop();
            table.get(key).lock.unlock();
            leave(key);
        }
    }

    private boolean acquireOne(LockKey key, long remainingNanos) {
        Entry entry = table.compute(key, (k, existing) -> {
            Entry e = existing != null ? existing : new Entry(fair);
            e.users++;
            return e;
        });
        boolean acquired = false;
        try {
            acquired = entry.lock.tryLock(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!acquired) {
                leave(key);
            }
        }
        return acquired;
    }

    private void leave(LockKey key) {
        table.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
    }

    /** Keys currently held or waited for. */
    public int tableSize() {
        return table.size();
    }
}

package com.ecommerce.application.testing;

import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Records which keys a service asked for and checks that the work (and so its transaction) ran inside. */
public class RecordingLockPort implements LockPort {

    public final List<List<LockKey>> acquisitions = new ArrayList<>();
    public final List<Duration> timeouts = new ArrayList<>();
    public final List<List<LockKey>> inTransaction = new ArrayList<>();
    private final InMemoryStore store;
    public boolean held;

    public RecordingLockPort(InMemoryStore store) {
        this.store = store;
    }

    /** Records that the unit of work called the in-transaction step, with the keys in order, inside the transaction. */
    @Override
    public void lockInTransaction(List<LockKey> ordered, Duration remaining) {
        if (store.openTransactions == 0) {
            throw new AssertionError("the in-transaction step must run inside the transaction");
        }
        inTransaction.add(ordered);
    }

    @Override
    public <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work) {
        if (store.openTransactions > 0) {
            throw new AssertionError("locks must be taken before the transaction begins");
        }
        acquisitions.add(LockKey.sortedDistinct(keys));
        timeouts.add(waitTimeout);
        held = true;
        try {
            T result = work.get();
            if (store.openTransactions > 0) {
                throw new AssertionError("the transaction must have ended before the locks are released");
            }
            return result;
        } finally {
            held = false;
        }
    }
}

package com.ecommerce.application.testing;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockPort;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Records which keys a service asked for and checks that the work (and so its transaction) ran inside. Excludes
 * nothing: the services' tests run one writer at a time (the batch tests hold a batch in {@link #whileHeld}).
 */
public class RecordingLockPort implements LockPort {

    public final List<List<LockKey>> acquisitions = new CopyOnWriteArrayList<>();
    public final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    /** For each acquisition: whether its thread held a database connection when it asked for the locks. */
    public final List<Boolean> withConnectionInHand = new CopyOnWriteArrayList<>();
    public final List<List<LockKey>> inTransaction = new CopyOnWriteArrayList<>();
    private final InMemoryStore store;
    public volatile boolean held;
    /** Keys another writer holds: an acquisition that includes one of them is not granted ({@code LOCK_TIMEOUT}). */
    public final Set<LockKey> heldElsewhere = ConcurrentHashMap.newKeySet();
    /** As a strategy whose locks live outside the transaction (the default), or within it ({@code lock-db}). */
    public volatile boolean outsideTransaction = true;
    /** Runs once the locks are "held", before the work: a test parks a batch here while others queue behind it. */
    public volatile Runnable whileHeld = () -> {
    };

    public RecordingLockPort(InMemoryStore store) {
        this.store = store;
    }

    /** Records that the unit of work called the in-transaction step, with the keys in order, inside the transaction. */
    @Override
    public void lockInTransaction(LockKeys keys, Deadline deadline) {
        if (store.openTransactions == 0) {
            throw new AssertionError("the in-transaction step must run inside the transaction");
        }
        if (!store.holdsConnection()) {
            throw new AssertionError("the transaction must run on a connection taken for the unit of work");
        }
        inTransaction.add(keys.asList());
    }

    @Override
    public boolean holdsLocksOutsideTransaction() {
        return outsideTransaction;
    }

    @Override
    public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
        if (store.openTransactions > 0) {
            throw new AssertionError("locks must be taken before the transaction begins");
        }
        acquisitions.add(keys.asList());
        withConnectionInHand.add(store.holdsConnection());
        timeouts.add(deadline.budget());
        deadline.check(keys);
        if (keys.asList().stream().anyMatch(heldElsewhere::contains)) {
            throw deadline.exceeded(keys);
        }
        held = true;
        try {
            whileHeld.run();
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

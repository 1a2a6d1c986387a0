package com.ecommerce.bootstrap.lock;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockPort;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The lock port of a lease test, with two parties: the first party's calls (and every call of nobody's, such as a
 * test's set-up) go to this instance's strategy, the second party's to another instance's, with clients and a session
 * of its own on the same lock servers. Each party's lock call is recorded step by step: asked, acquired (its work
 * starts), work over, released; each step with its time and its place in the order of all steps, so that "before" is
 * read from the order, never from clocks that might tie.
 */
final class LockParties implements LockPort {

    enum Party { FIRST, SECOND }

    enum Step { ASKED, ACQUIRED, WORK_OVER, RELEASED }

    private record Event(long nanos, long order) {
    }

    private static final ThreadLocal<Party> CALLER = new ThreadLocal<>();

    private final LockPort firstInstance;
    private final LockPort secondInstance;
    private final AtomicLong order = new AtomicLong();
    private final Map<Party, Map<Step, Event>> events = new EnumMap<>(Map.of(
            Party.FIRST, new ConcurrentHashMap<>(), Party.SECOND, new ConcurrentHashMap<>()));
    private final Map<Party, AtomicInteger> calls = new EnumMap<>(Map.of(
            Party.FIRST, new AtomicInteger(), Party.SECOND, new AtomicInteger()));
    private final Map<Party, LockKeys> keys = new ConcurrentHashMap<>();

    LockParties(LockPort firstInstance, LockPort secondInstance) {
        this.firstInstance = firstInstance;
        this.secondInstance = secondInstance;
    }

    /** {@code call}, made as {@code party}: the lock calls it makes on this thread are that party's. */
    static <T> Supplier<T> as(Party party, Supplier<T> call) {
        return () -> {
            CALLER.set(party);
            try {
                return call.get();
            } finally {
                CALLER.remove();
            }
        };
    }

    /** Both instances run the same strategy. */
    @Override
    public boolean holdsLocksOutsideTransaction() {
        return firstInstance.holdsLocksOutsideTransaction();
    }

    @Override
    public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
        Party party = CALLER.get();
        if (party == null) {
            return firstInstance.withLocks(keys, deadline, work);
        }
        // only a party's first call is recorded; the tests assert that each made exactly one
        boolean recorded = calls.get(party).incrementAndGet() == 1;
        if (recorded) {
            this.keys.put(party, keys);
            record(party, Step.ASKED);
        }
        try {
            return (party == Party.SECOND ? secondInstance : firstInstance).withLocks(keys, deadline, () -> {
                if (recorded) {
                    record(party, Step.ACQUIRED);
                }
                try {
                    return work.get();
                } finally {
                    if (recorded) {
                        record(party, Step.WORK_OVER);
                    }
                }
            });
        } finally {
            if (recorded) {
                record(party, Step.RELEASED);
            }
        }
    }

    @Override
    public void lockInTransaction(LockKeys keys, Deadline deadline) {
        (CALLER.get() == Party.SECOND ? secondInstance : firstInstance).lockInTransaction(keys, deadline);
    }

    private void record(Party party, Step step) {
        events.get(party).put(step, new Event(System.nanoTime(), order.incrementAndGet()));
    }

    /** Now, in milliseconds since the first party asked for its locks. */
    long nowMs() {
        return (System.nanoTime() - event(Party.FIRST, Step.ASKED).nanos()) / 1_000_000;
    }

    /** When {@code party} reached {@code step}, in milliseconds since the first party asked for its locks. */
    long ms(Party party, Step step) {
        return (event(party, step).nanos() - event(Party.FIRST, Step.ASKED).nanos()) / 1_000_000;
    }

    boolean reached(Party party, Step step) {
        return events.get(party).containsKey(step);
    }

    /** Whether {@code party} reached {@code step} before {@code other} reached {@code otherStep} (or ever did). */
    boolean before(Party party, Step step, Party other, Step otherStep) {
        Event later = events.get(other).get(otherStep);
        return reached(party, step) && (later == null || event(party, step).order() < later.order());
    }

    int calls(Party party) {
        return calls.get(party).get();
    }

    LockKeys keys(Party party) {
        return keys.get(party);
    }

    private Event event(Party party, Step step) {
        Event event = events.get(party).get(step);
        if (event == null) {
            throw new AssertionError("the " + party + " party never reached " + step + " of its lock call");
        }
        return event;
    }
}

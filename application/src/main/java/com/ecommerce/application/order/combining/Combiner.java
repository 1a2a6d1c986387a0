package com.ecommerce.application.order.combining;

import com.ecommerce.application.order.port.out.OrderBatchMetricsPort;
import com.ecommerce.domain.lock.Deadline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Flat combining: requests that would take the same locks one after another are served in batches instead. Every
 * request of a group (requests with the same {@code key}) joins the group's FIFO queue; when no batch of the group
 * is running, the request at the head becomes the leader: it takes itself and up to {@code maxBatchSize - 1}
 * waiters behind it, in arrival order, hands them to the {@link BatchRunner} (which locks once, runs them in one
 * transaction and settles each entry), wakes every member with its own outcome, and passes the lead to the next
 * request in the queue. A request that is alone is a batch of one; nobody is held back for company.
 *
 * <p>Bounds: a batch holds at most {@code maxBatchSize} requests; a request waits in the queue at most until its
 * {@link Deadline} (the lock wait it arrived with), then leaves it and fails with {@code LOCK_TIMEOUT}
 * ({@link Deadline#exceeded}), as it would have failed waiting for the lock; an interrupted wait ends the same way. A
 * member whose deadline has passed when its batch starts fails the same way and is not run. A request taken into a
 * batch waits for the batch, whose lock wait ends at its members' earliest deadline. With {@code maxBatchSize} 1
 * every request runs alone, in arrival order per group: order combining switched off.
 *
 * <p>Why written here and not taken from a library: the combining libraries we know (the JCTools and Agrona queues,
 * the flat-combining structures of the literature) combine operations on an in-memory structure; here the batch
 * is a database transaction under a lock strategy, whose outcome is per member, may ask for members to be deferred
 * (an idempotency key repeated in one batch), and must never hold a thread past its lock wait.
 *
 * @param <K> what groups the requests: requests of one group contend for the same locks
 * @param <T> a request
 * @param <R> its result
 */
public final class Combiner<K, T, R> {

    /** Runs one batch. Must settle every entry: {@link Entry#succeed}, {@link Entry#fail} or {@link Entry#defer}. */
    @FunctionalInterface
    public interface BatchRunner<T, R> {
        void run(List<Entry<T, R>> batch);
    }

    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int LEAD = 2;
    private static final int DONE = 3;

    /** One request in a group's queue or batch. Its outcome is published to its thread after the batch. */
    public static final class Entry<T, R> {
        private final T item;
        private final Deadline deadline;
        private final Thread thread;
        private volatile int state = WAITING;
        private R result;
        private RuntimeException failure;
        private boolean settled;
        private boolean deferred;

        private Entry(T item, Deadline deadline, Thread thread) {
            this.item = item;
            this.deadline = deadline;
            this.thread = thread;
        }

        public T item() {
            return item;
        }

        /** When the request's lock wait ends. */
        public Deadline deadline() {
            return deadline;
        }

        public void succeed(R value) {
            settle();
            this.result = value;
        }

        public void fail(RuntimeException cause) {
            settle();
            this.failure = cause;
        }

        /** Not in this batch: back to the head of the queue, to run in a later batch. */
        public void defer() {
            settle();
            this.deferred = true;
        }

        private void settle() {
            if (settled) {
                throw new IllegalStateException("an entry is settled once per batch");
            }
            settled = true;
        }

        private R outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private static final class Group<T, R> {
        private final ArrayDeque<Entry<T, R>> queue = new ArrayDeque<>();
        private boolean busy;
        private boolean retired;
    }

    private final ConcurrentHashMap<K, Group<T, R>> groups = new ConcurrentHashMap<>();
    private final int maxBatchSize;
    private final BatchRunner<T, R> runner;
    private final OrderBatchMetricsPort observer;

    /**
     * @param maxBatchSize at most this many requests per batch (1 or more)
     * @param runner       runs a batch
     * @param observer     told the size of every batch that ran and how many of its members succeeded
     */
    public Combiner(int maxBatchSize, BatchRunner<T, R> runner, OrderBatchMetricsPort observer) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one request: " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        this.runner = runner;
        this.observer = observer;
    }

    /**
     * Runs {@code item} in a batch of its group and answers its own outcome (or throws its own failure).
     *
     * @param deadline when the request stops waiting for its turn and for its locks
     */
    public R submit(K key, T item, Deadline deadline) {
        Entry<T, R> me = new Entry<>(item, deadline, Thread.currentThread());
        Group<T, R> group = join(key, me);
        boolean interrupted = false;
        try {
            while (true) {
                interrupted |= awaitTurn(key, group, me);
                if (me.state == DONE) {
                    return me.outcome();
                }
                lead(key, group, me);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many groups have a batch running or requests waiting (for tests and metrics). */
    public int activeGroups() {
        return groups.size();
    }

    private Group<T, R> join(K key, Entry<T, R> me) {
        while (true) {
            Group<T, R> group = groups.computeIfAbsent(key, k -> new Group<>());
            synchronized (group) {
                if (group.retired) {
                    continue;
                }
                if (group.busy) {
                    group.queue.addLast(me);
                } else {
                    group.busy = true;
                    me.state = LEAD;
                }
                return group;
            }
        }
    }

    /** Parks until the entry leads or is done; a waiter past its deadline (or interrupted) leaves the queue. */
    private boolean awaitTurn(K key, Group<T, R> group, Entry<T, R> me) {
        boolean interrupted = false;
        while (true) {
            int state = me.state;
            if (state == LEAD || state == DONE) {
                return interrupted;
            }
            if (Thread.interrupted()) {
                interrupted = true;
            }
            long left = me.deadline.remainingNanos();
            if (state == WAITING && (left <= 0 || interrupted)) {
                synchronized (group) {
                    if (me.state == WAITING && group.queue.remove(me)) {
                        me.failure = me.deadline.exceeded(key);
                        me.state = DONE;
                        return interrupted;
                    }
                }
                if (interrupted) {
                    // taken into a batch meanwhile: the batch is bounded, wait for it without spinning on the flag
                    continue;
                }
            }
            if (state == WAITING) {
                LockSupport.parkNanos(this, left);
            } else if (!interrupted) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, 1_000_000L);
            }
        }
    }

    private void lead(K key, Group<T, R> group, Entry<T, R> me) {
        List<Entry<T, R>> batch = new ArrayList<>();
        batch.add(me);
        synchronized (group) {
            while (batch.size() < maxBatchSize && !group.queue.isEmpty()) {
                Entry<T, R> taken = group.queue.pollFirst();
                taken.state = TAKEN;
                batch.add(taken);
            }
        }
        List<Entry<T, R>> live = new ArrayList<>(batch.size());
        for (Entry<T, R> entry : batch) {
            entry.settled = false;
            entry.deferred = false;
            entry.result = null;
            entry.failure = null;
            if (entry.deadline.hasPassed()) {
                entry.fail(entry.deadline.exceeded(key));
            } else {
                live.add(entry);
            }
        }
        try {
            if (!live.isEmpty()) {
                runner.run(live);
            }
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            live.stream().filter(entry -> !entry.settled).forEach(entry -> entry.fail(failure));
            if (e instanceof Error error) {
                handOff(key, group, batch, me);
                throw error;
            }
        } finally {
            observe(live);
        }
        handOff(key, group, batch, me);
    }

    /** Tells the observer how many of the batch ran (the deferred ones did not) and how many succeeded. */
    private void observe(List<Entry<T, R>> ran) {
        long run = ran.stream().filter(entry -> !entry.deferred).count();
        long succeeded = ran.stream().filter(entry -> !entry.deferred && entry.settled && entry.failure == null).count();
        if (run > 0) {
            observer.batchEnded((int) run, (int) succeeded);
        }
    }

    /** Requeues the deferred entries at the head, passes the lead on (or retires the group), wakes the members. */
    private void handOff(K key, Group<T, R> group, List<Entry<T, R>> batch, Entry<T, R> me) {
        List<Entry<T, R>> done = new ArrayList<>(batch.size());
        List<Entry<T, R>> deferred = new ArrayList<>();
        for (Entry<T, R> entry : batch) {
            if (!entry.settled) {
                entry.fail(new IllegalStateException("the batch runner left a request without an outcome"));
            }
            (entry.deferred ? deferred : done).add(entry);
        }
        Entry<T, R> next;
        synchronized (group) {
            for (int i = deferred.size() - 1; i >= 0; i--) {
                Entry<T, R> again = deferred.get(i);
                again.state = WAITING;
                group.queue.addFirst(again);
            }
            next = group.queue.pollFirst();
            if (next == null) {
                group.busy = false;
                group.retired = true;
                groups.remove(key, group);
            } else {
                next.state = LEAD;
            }
        }
        if (next != null && next != me) {
            LockSupport.unpark(next.thread);
        }
        for (Entry<T, R> entry : done) {
            entry.state = DONE;
            if (entry != me) {
                LockSupport.unpark(entry.thread);
            }
        }
    }
}

package com.ecommerce.application.order.combining;

import com.ecommerce.application.testing.TestThreads;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combining queue with real threads: who leads, who is taken, in which order, in batches of which size, and
 * what each request gets back. Every test holds the first batch at a gate until the others have parked in the
 * queue, so that the batches are known in advance.
 */
class CombinerTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> outcomes = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicBoolean firstBatch = new AtomicBoolean(true);
    private volatile Consumer<List<Combiner.Entry<String, String>>> settle =
            batch -> batch.forEach(entry -> entry.succeed(entry.item().toUpperCase()));

    private Combiner<String, String, String> combiner(int maxBatchSize) {
        return new Combiner<>(maxBatchSize, batch -> {
            batches.add(batch.stream().map(Combiner.Entry::item).toList());
            if (firstBatch.getAndSet(false)) {
                await(gate);
            }
            settle.accept(batch);
        }, (orders, placed) -> observed.add(orders + "/" + placed));
    }

    @AfterEach
    void joinAll() throws InterruptedException {
        gate.countDown();
        TestThreads.joinAll(threads);
    }

    @Test
    void aRequestAlone_isABatchOfOne_andGetsItsResult() {
        gate.countDown();
        assertThat(combiner(8).submit("k", "a", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("A");
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void waiters_arePlacedTogetherInArrivalOrder_eachWithItsOwnOutcome() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        settle = batch -> batch.forEach(entry -> {
            if (entry.item().equals("c")) {
                entry.fail(new IllegalArgumentException("c refused"));
            } else {
                entry.succeed(entry.item().toUpperCase());
            }
        });
        for (String item : List.of("a", "b", "c", "d")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        assertThat(outcomes).containsEntry("a", "A").containsEntry("b", "B").containsEntry("d", "D");
        assertThat((Throwable) outcomes.get("c")).isInstanceOf(IllegalArgumentException.class).hasMessage("c refused");
        assertThat(combiner.activeGroups()).isZero();
    }

    @Test
    void batches_holdAtMostMaxBatchSize_andTheLeadPassesInOrder() throws Exception {
        Combiner<String, String, String> combiner = combiner(2);
        for (String item : List.of("a", "b", "c", "d", "e", "f")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f"));
        assertThat(outcomes).hasSize(6);
    }

    @Test
    void groups_areIndependent() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        submitAndPark(combiner, "k", "a", LONG);
        // "k" is held at the gate; another key does not wait for it
        assertThat(combiner.submit("other", "x", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("X");
        gate.countDown();
    }

    @Test
    void aWaiterPastItsDeadline_leavesTheQueueWithTheTimeout_andIsNeverRun() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        submitAndPark(combiner, "k", "a", LONG);
        submitAndPark(combiner, "k", "b", LONG);
        long start = System.nanoTime();
        Thread late = submit(combiner, "k", "late", TimeUnit.MILLISECONDS.toNanos(200));
        late.join(5_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
        assertThat((Throwable) outcomes.get("late")).isInstanceOf(LockTimeoutException.class).hasMessageContaining("Could not lock k");
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void anInterruptedWaiter_leavesWithTheTimeout_andKeepsItsInterrupt() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        submitAndPark(combiner, "k", "a", LONG);
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                combiner.submit("k", "b", Deadline.after(Duration.ofNanos(LONG)));
            } catch (LockTimeoutException e) {
                outcomes.put("b", e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        threads.add(waiter);
        awaitParked(waiter);
        waiter.interrupt();
        waiter.join(5_000);
        assertThat((Throwable) outcomes.get("b")).isInstanceOf(LockTimeoutException.class).hasMessageContaining("Could not lock k");
        assertThat(stillInterrupted).isTrue();
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void aDeferredRequest_runsFirstInTheNextBatch() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        settle = batch -> batch.forEach(entry -> {
            if (entry.item().equals("c") && batch.size() > 1 && batch.getFirst().item().equals("b")) {
                entry.defer();
            } else {
                entry.succeed(entry.item().toUpperCase());
            }
        });
        for (String item : List.of("a", "b", "c", "d")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"), List.of("c"));
        assertThat(outcomes).containsEntry("c", "C").hasSize(4);
    }

    @Test
    void aRunnerThatThrows_failsEveryMemberItLeftUnsettled_andTheNextBatchStillRuns() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        settle = batch -> {
            if (batch.getFirst().item().equals("b")) {
                batch.getFirst().succeed("B");
                throw new IllegalStateException("database down");
            }
            batch.forEach(entry -> entry.succeed(entry.item().toUpperCase()));
        };
        for (String item : List.of("a", "b", "c")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();
        assertThat(outcomes).containsEntry("a", "A").containsEntry("b", "B");
        assertThat((Throwable) outcomes.get("c")).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(combiner.submit("k", "e", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("E");
    }

    @Test
    void aBatchOfOne_doesNotWaitForCompany() {
        gate.countDown();
        Combiner<String, String, String> combiner = combiner(64);
        for (int i = 0; i < 100; i++) {
            assertThat(combiner.submit("k", "x" + i, Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("X" + i);
        }
        assertThat(batches).hasSize(100).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    private Thread submit(Combiner<String, String, String> combiner, String key, String item, long waitNanos) {
        Thread thread = Thread.ofPlatform().name("submit-" + item).start(() -> {
            try {
                outcomes.put(item, combiner.submit(key, item, Deadline.after(Duration.ofNanos(waitNanos))));
            } catch (RuntimeException e) {
                outcomes.put(item, e);
            }
        });
        threads.add(thread);
        return thread;
    }

    /** Submits from a thread of its own and returns once it is parked (at the gate or in the queue). */
    private void submitAndPark(Combiner<String, String, String> combiner, String key, String item, long waitNanos)
            throws InterruptedException {
        awaitParked(submit(combiner, key, item, waitNanos));
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        TestThreads.awaitParked(thread);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

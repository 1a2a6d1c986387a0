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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    /** Whether each submitting thread was left interrupted after its outcome. */
    private final Map<String, Boolean> interruptedAfter = new ConcurrentHashMap<>();
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
        assertThat(combiner.activeGroups()).isEqualTo(1);
        // "k" is held at the gate; another key does not wait for it
        assertThat(combiner.submit("other", "x", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("X");
        assertThat(combiner.activeGroups()).as("a group leaves once its queue is empty").isEqualTo(1);
        gate.countDown();
        joinAll();
        assertThat(combiner.activeGroups()).isZero();
    }

    @Test
    void withABatchSizeOfOne_everyRequestRunsAloneInArrivalOrder() throws Exception {
        assertThatThrownBy(() -> combiner(0)).isInstanceOf(IllegalArgumentException.class);
        Combiner<String, String, String> combiner = combiner(1);
        for (String item : List.of("a", "b", "c")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();
        assertThat(batches).containsExactly(List.of("a"), List.of("b"), List.of("c"));
        assertThat(observed).containsExactly("1/1", "1/1", "1/1");
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
        assertThat(interruptedAfter).as("a timeout leaves no interrupt behind").containsEntry("late", false);
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
    void aMemberInterruptedWhileItsBatchRuns_getsItsOutcome_andKeepsItsInterrupt() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        CountDownLatch secondBatchRuns = new CountDownLatch(1);
        CountDownLatch secondBatchEnds = new CountDownLatch(1);
        settle = batch -> {
            if (batch.getFirst().item().equals("b")) {
                secondBatchRuns.countDown();
                await(secondBatchEnds);
            }
            batch.forEach(entry -> entry.succeed(entry.item().toUpperCase()));
        };
        submitAndPark(combiner, "k", "a", LONG);
        submitAndPark(combiner, "k", "b", LONG);
        Thread member = submit(combiner, "k", "c", Deadline.after(Duration.ofNanos(LONG)));
        awaitParked(member);
        gate.countDown();
        secondBatchRuns.await();

        member.interrupt();
        // taken into b's batch, it takes note of its interrupt (clearing the flag) and waits for that batch
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (member.isInterrupted()) {
            assertThat(System.nanoTime()).as("the member never saw its interrupt").isLessThan(until);
            Thread.sleep(1);
        }
        secondBatchEnds.countDown();
        joinAll();

        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(outcomes).containsEntry("c", "C");
        assertThat(interruptedAfter).containsEntry("c", true);
    }

    @Test
    void aMemberWhoseDeadlinePassedBeforeItsBatchStarted_failsWithTheTimeout_andIsNeverRun() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        AtomicLong nanoClock = new AtomicLong();
        submitAndPark(combiner, "k", "a", LONG);
        awaitParked(submit(combiner, "k", "b", Deadline.after(Duration.ofSeconds(30), nanoClock::get)));

        nanoClock.addAndGet(Duration.ofSeconds(31).toNanos()); // b's wait runs out while it is parked in the queue
        gate.countDown();
        joinAll();

        assertThat((Throwable) outcomes.get("b")).isInstanceOf(LockTimeoutException.class);
        assertThat(batches).containsExactly(List.of("a"));
        assertThat(observed).as("a batch none of whose members ran is not counted").containsExactly("1/1");
    }

    @Test
    void aMemberTheRunnerLeftWithoutAnOutcome_failsAlone() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        settle = batch -> batch.stream().filter(entry -> !entry.item().equals("c"))
                .forEach(entry -> entry.succeed(entry.item().toUpperCase()));
        for (String item : List.of("a", "b", "c")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();

        assertThat(outcomes).containsEntry("a", "A").containsEntry("b", "B");
        assertThat((Throwable) outcomes.get("c")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the batch runner left a request without an outcome");
    }

    @Test
    void anErrorInTheRunner_reachesTheLeader_failsTheOtherMembers_andTheLeadPassesOn() throws Exception {
        Combiner<String, String, String> combiner = combiner(8);
        Error error = new RunnerError();
        settle = batch -> {
            if (batch.getFirst().item().equals("b")) {
                throw error;
            }
            batch.forEach(entry -> entry.succeed(entry.item().toUpperCase()));
        };
        for (String item : List.of("a", "b", "c")) {
            submitAndPark(combiner, "k", item, LONG);
        }
        gate.countDown();
        joinAll();

        assertThat(outcomes.get("b")).isSameAs(error);
        assertThat((Throwable) outcomes.get("c")).isInstanceOf(IllegalStateException.class);
        assertThat(((Throwable) outcomes.get("c")).getCause()).isSameAs(error);
        assertThat(combiner.submit("k", "d", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("D");
    }

    @Test
    void anEntryIsSettledOncePerBatch() {
        gate.countDown();
        List<IllegalStateException> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean firstRun = new AtomicBoolean(true);
        settle = batch -> batch.forEach(entry -> {
            entry.succeed(entry.item().toUpperCase());
            if (firstRun.getAndSet(false)) {
                List<Runnable> again = List.of(() -> entry.fail(new IllegalArgumentException()), entry::defer,
                        () -> entry.succeed("other"));
                for (Runnable settleAgain : again) {
                    try {
                        settleAgain.run();
                    } catch (IllegalStateException e) {
                        refused.add(e);
                    }
                }
            }
        });

        assertThat(combiner(8).submit("k", "a", Deadline.after(Duration.ofNanos(LONG)))).isEqualTo("A");
        assertThat(refused).hasSize(3);
        assertThat(batches).containsExactly(List.of("a"));
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
        return submit(combiner, key, item, Deadline.after(Duration.ofNanos(waitNanos)));
    }

    private Thread submit(Combiner<String, String, String> combiner, String key, String item, Deadline deadline) {
        Thread thread = Thread.ofPlatform().name("submit-" + item).start(() -> {
            try {
                outcomes.put(item, combiner.submit(key, item, deadline));
            } catch (RuntimeException | Error e) {
                outcomes.put(item, e);
            }
            interruptedAfter.put(item, Thread.currentThread().isInterrupted());
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

    private static final class RunnerError extends Error {
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

package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The threads of the lock contract: parties released together, a party on a thread of its own, a holder. */
final class ContractThreads {

    /** Long enough that exact counts never depend on a lock timeout on a slow machine. */
    static final Duration LONG_WAIT = Duration.ofSeconds(30);
    static final Executor OWN_THREAD = task -> Thread.ofPlatform().start(task);

    private ContractThreads() {
    }

    /** Holds {@code keys} on a thread of its own from construction until closed. */
    static final class Holder implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Object> holding;

        Holder(LockStrategy lock, LockKeys keys) throws Exception {
            CountDownLatch held = new CountDownLatch(1);
            holding = CompletableFuture.supplyAsync(() -> lock.withLocks(keys, Deadline.after(LONG_WAIT), () -> {
                held.countDown();
                await(release);
                return null;
            }), OWN_THREAD);
            holding.whenComplete((result, failure) -> held.countDown());
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the holder of " + keys + " took them or failed within 30 s").isTrue();
            assertThat(holding).as("the holder of " + keys).isNotDone();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
        }
    }

    static <T> T onItsOwnThread(Supplier<T> party) throws Exception {
        try {
            return CompletableFuture.supplyAsync(party, OWN_THREAD).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Runs {@code party} on {@code parties} threads released together; fails with what any of them threw. */
    static void concurrently(int parties, IntConsumer party) throws InterruptedException, TimeoutException {
        concurrently(parties, party, () -> {
        });
    }

    /** As {@link #concurrently(int, IntConsumer)}, with {@code alsoGo} run as the threads are released. */
    static void concurrently(int parties, IntConsumer party, Runnable alsoGo)
            throws InterruptedException, TimeoutException {
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = IntStream.range(0, parties).mapToObj(i -> Thread.ofPlatform().start(() -> {
            try {
                go.await();
                party.accept(i);
            } catch (Throwable t) {
                failures.add(t);
            }
        })).toList();
        alsoGo.run();
        go.countDown();
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(60))) {
                throw new TimeoutException(thread + " still runs after 60 s");
            }
        }
        assertThat(failures).as("what the threads threw").isEmpty();
    }

    static void await(CountDownLatch latch) {
        await(latch, Duration.ofSeconds(60));
    }

    /** Waits until {@code latch} opens or {@code atMost} has passed, whichever is first. */
    static void await(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

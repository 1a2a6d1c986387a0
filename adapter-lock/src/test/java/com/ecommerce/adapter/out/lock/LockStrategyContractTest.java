package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@code LockPort} promises that needs no database, proven with real threads against one strategy per
 * subclass: mutual exclusion, no deadlock between crossing key sets, the deadline, and release after the work in
 * {@code finally}. That the release also comes after the work's commit needs a transaction, and is bootstrap's
 * {@code LockPortContractTest}.
 *
 * <p>Parties stand for instances of the service where the strategy has more than one ({@link #instances()}), so a
 * shared lock is proven to exclude across its clients and not only across threads of one client. A party that must
 * find a key free runs on a thread of its own: the JVM and Redisson locks are re-entrant for the thread that held
 * them, which would hide a key that was never released.
 *
 * <p>Keys have random ids per run, so that runs sharing a Redis never meet. Timing tolerance: a 500 ms wait ends
 * between 450 ms (a client that rounds its wait down) and 1.5 s (round trips on a loaded 2-core CI machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LockStrategyContractTest {

    /** Long enough that exact counts never depend on a lock timeout on a slow machine. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_WAIT = Duration.ofMillis(500);
    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().start(task);

    private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));

    /**
     * The strategy as each instance of the service would have it (its own clients, its own local queue), made once
     * per test class; the threads of a test take turns over them. The JVM strategy has one.
     */
    protected abstract List<LockStrategy> instances();

    /** Clients that connect lazily connect here, so that no timed step of a test pays for it. */
    @BeforeAll
    void connect() {
        instances().forEach(instance -> instance.withLocks(LockKeys.of(freshPoint()), Deadline.after(LONG_WAIT),
                () -> null));
    }

    private LockStrategy instance(int party) {
        List<LockStrategy> instances = instances();
        return instances.get(party % instances.size());
    }

    /** Another instance than {@code instance(0)} where there is one. */
    private LockStrategy elsewhere() {
        return instances().getLast();
    }

    private LockKey freshPoint() {
        return LockKey.point(ids.incrementAndGet());
    }

    private LockKey freshStock() {
        return LockKey.itemStock(ids.incrementAndGet());
    }

    @Test
    void mutualExclusion_threadsReadSleepAndWriteOneCounter_loseNoIncrement() throws Exception {
        LockKeys key = LockKeys.of(freshPoint());
        // volatile reads and writes, so that a lost increment can only mean two holders at once, never a stale cache
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        int threads = 16;
        int rounds = 4;

        concurrently(threads, party -> {
            for (int r = 0; r < rounds; r++) {
                instance(party).withLocks(key, Deadline.after(LONG_WAIT), () -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    int read = counter.get();
                    sleep(2);
                    counter.set(read + 1);
                    inside.decrementAndGet();
                    return null;
                });
            }
        });

        assertThat(counter.get()).isEqualTo(threads * rounds);
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void crossingKeySets_inOppositeCallerOrder_finishWithoutDeadlock_andExcludeOnEveryKey() throws Exception {
        LockKey a = freshStock();
        LockKey b = freshStock();
        LockKey p = freshPoint();
        // both directions of the full set, and pairs listed in a cycle: a strategy that took keys in caller order
        // would deadlock on these
        List<List<LockKey>> sets = List.of(List.of(a, b, p), List.of(p, b, a), List.of(a, b), List.of(b, p),
                List.of(p, a));
        Map<LockKey, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        int threads = 10;
        int rounds = 4;

        concurrently(threads, party -> {
            List<LockKey> mine = sets.get(party % sets.size());
            for (int r = 0; r < rounds; r++) {
                instance(party).withLocks(LockKeys.of(mine), Deadline.after(Duration.ofSeconds(10)), () -> {
                    mine.forEach(k -> maxInside.accumulateAndGet(
                            inside.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet(), Math::max));
                    sleep(1);
                    mine.forEach(k -> inside.get(k).decrementAndGet());
                    return runs.incrementAndGet();
                });
            }
        });

        assertThat(runs.get()).isEqualTo(threads * rounds);
        assertThat(maxInside.get()).as("holders of one key at once").isEqualTo(1);
    }

    @Test
    void aKeyHeldElsewhere_endsInLockTimeoutWithinTheDeadline_andTheWorkDoesNotRun() throws Exception {
        LockKey key = freshPoint();
        AtomicInteger ran = new AtomicInteger();
        long waitedMs;
        try (Holder ignored = new Holder(instance(0), LockKeys.of(key))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> elsewhere().withLocks(LockKeys.of(key), Deadline.after(SHORT_WAIT),
                    ran::incrementAndGet))
                    .isInstanceOf(LockTimeoutException.class);
            waitedMs = (System.nanoTime() - started) / 1_000_000;
        }

        assertThat(ran.get()).as("the work must not run without its locks").isZero();
        assertThat(waitedMs).isBetween(450L, 1_500L);
    }

    @Test
    void aKeySetThatTimesOut_givesBackTheKeysItHadTaken() throws Exception {
        LockKey taken = freshPoint();
        LockKey heldElsewhere = freshStock();
        try (Holder ignored = new Holder(instance(0), LockKeys.of(heldElsewhere))) {
            assertThatThrownBy(() -> elsewhere().withLocks(LockKeys.of(taken, heldElsewhere),
                    Deadline.after(Duration.ofMillis(300)), () -> null))
                    .isInstanceOf(LockTimeoutException.class);

            assertThat(onItsOwnThread(() -> instance(0).withLocks(LockKeys.of(taken), Deadline.after(SHORT_WAIT),
                    () -> "free"))).isEqualTo("free");
        }
    }

    @Test
    void theNextHolder_seesWhatTheWorkDid() throws Exception {
        LockKeys key = LockKeys.of(freshPoint());
        AtomicInteger written = new AtomicInteger();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch nextAsking = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> instance(0).withLocks(key,
                Deadline.after(LONG_WAIT), () -> {
                    firstInside.countDown();
                    await(nextAsking);
                    // the next party's request is on its way: a lock released before the work ends lets it in now
                    sleep(300);
                    written.set(1);
                    return null;
                }), OWN_THREAD);
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();

        Integer seen = onItsOwnThread(() -> {
            nextAsking.countDown();
            return elsewhere().withLocks(key, Deadline.after(LONG_WAIT), written::get);
        });
        first.get(30, TimeUnit.SECONDS);

        assertThat(seen).as("what the next holder read").isEqualTo(1);
    }

    @Test
    void afterTheWork_itsResultIsReturned_andEveryKeyIsFree() throws Exception {
        LockKeys keys = LockKeys.of(freshPoint(), freshStock());

        assertThat(instance(0).withLocks(keys, Deadline.after(LONG_WAIT), () -> "done")).isEqualTo("done");

        assertEveryKeyIsFree(keys);
    }

    @Test
    void theWorksException_propagatesUnchanged_andEveryKeyIsFree() throws Exception {
        LockKeys keys = LockKeys.of(freshPoint(), freshStock());
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> instance(0).withLocks(keys, Deadline.after(LONG_WAIT), () -> {
            throw boom;
        })).isSameAs(boom);

        assertEveryKeyIsFree(keys);
    }

    /** Another party takes each key at once; a key still held would keep it waiting until its short wait ran out. */
    private void assertEveryKeyIsFree(LockKeys keys) throws Exception {
        for (LockKey key : keys) {
            long started = System.nanoTime();
            assertThat(onItsOwnThread(() -> elsewhere().withLocks(LockKeys.of(key), Deadline.after(SHORT_WAIT),
                    () -> "free"))).as(key + " taken by another party").isEqualTo("free");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms to take the released " + key)
                    .isLessThan(SHORT_WAIT.toMillis());
        }
    }

    /** Holds {@code keys} on a thread of its own from construction until closed. */
    private static final class Holder implements AutoCloseable {

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

    private static <T> T onItsOwnThread(Supplier<T> party) throws Exception {
        try {
            return CompletableFuture.supplyAsync(party, OWN_THREAD).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Runs {@code party} on {@code parties} threads released together; fails with what any of them threw. */
    private static void concurrently(int parties, IntConsumer party) throws InterruptedException, TimeoutException {
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
        go.countDown();
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(60))) {
                throw new TimeoutException(thread + " still runs after 60 s");
            }
        }
        assertThat(failures).as("what the threads threw").isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

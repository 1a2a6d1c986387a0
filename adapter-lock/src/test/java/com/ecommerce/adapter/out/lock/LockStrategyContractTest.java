package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.ContractThreads.Holder;
import com.ecommerce.adapter.out.lock.support.Breakage;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.ecommerce.adapter.out.lock.ContractThreads.LONG_WAIT;
import static com.ecommerce.adapter.out.lock.ContractThreads.OWN_THREAD;
import static com.ecommerce.adapter.out.lock.ContractThreads.await;
import static com.ecommerce.adapter.out.lock.ContractThreads.concurrently;
import static com.ecommerce.adapter.out.lock.ContractThreads.onItsOwnThread;
import static com.ecommerce.adapter.out.lock.ContractThreads.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@code LockPort} promises that needs no database, proven with real threads against one strategy per
 * subclass, on the bare adapter: mutual exclusion, no deadlock between crossing key sets, the deadline, and release
 * after the work in {@code finally}. That the release also comes after the work's commit needs a transaction, and is
 * bootstrap's {@code LockPortContractTest}. In production a shared lock sits behind the local queue and the row
 * version, either of which would hide a lock that excludes nobody; here nothing stands in front of it.
 *
 * <p>Parties stand for instances of the service where the strategy has more than one
 * ({@link StrategyUnderTest#instances()}), so a shared lock is proven to exclude across its clients and not only
 * across threads of one client; for a shared lock {@link ContendingProcess} adds a second JVM with instances of its
 * own, and {@link IntervalLog} sees the holders of both. A party that must find a key free runs on a thread of its
 * own: the JVM and Redisson locks are re-entrant for the thread that held them, which would hide a key that was never
 * released. Keys have random ids per run, so that runs sharing a Redis never meet.
 *
 * <p>The wait: a 500 ms wait for a key held elsewhere must end in {@code LOCK_TIMEOUT} no sooner than 500 ms and no
 * later than 800 ms after the call. Every adapter hands its client what is left of the deadline (rounded up to the
 * millisecond where the client takes milliseconds) and gives up when its client does, so none ends early: an early
 * end means a party that failed fast or never asked the server. Measured on 2 cores shared with other builds, in
 * runs of 20 to 40 waits: never early, and late by JVM 0 to 32 ms, Redis 0 to 108, RedLock (rounds over its masters
 * with a probe between rounds) 0 to 126, ZooKeeper 2 to 72 and once 414; with two more busy processes on the cores,
 * up to 280, 210, 280 and 360 ms. Lateness is the machine's, so a late end is tried again, three tries at
 * most; a wait that is late by design (a second round, a 500 ms probe, a doubled wait) is late every time.
 *
 * <p>{@code LockStrategyContractCatchesBreakagesIT} runs this suite against broken adapters ({@link Breakage}) and
 * checks which tests catch each breakage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LockStrategyContractTest {

    private static final Duration SHORT_WAIT = Duration.ofMillis(500);
    private static final Duration LATE_BY_AT_MOST = Duration.ofMillis(300);
    /** Far longer than any lock takes to let a party in on a loaded machine, when it lets it in at all. */
    private static final Duration NEXT_PARTY_IN_WITHIN = Duration.ofSeconds(1);

    private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
    private final StrategyUnderTest strategy;
    private final Breakage breakage;
    private StrategyUnderTest.Instances instances;

    protected LockStrategyContractTest(StrategyUnderTest strategy, Breakage breakage) {
        this.strategy = strategy;
        this.breakage = breakage;
    }

    /**
     * Opens the strategy as each instance of the service would have it (its own clients, its own local queue), once
     * per test class; the threads of a test take turns over them. Clients that connect lazily connect here, so that
     * no timed step of a test pays for it.
     */
    @BeforeAll
    void connect() {
        instances = strategy.open(strategy.server(), breakage);
        instances().forEach(instance -> instance.withLocks(LockKeys.of(freshPoint()), Deadline.after(LONG_WAIT),
                () -> null));
    }

    @AfterAll
    void shutdown() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    private List<LockStrategy> instances() {
        return instances.strategies();
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

    /**
     * Contenders in this JVM and, for a shared lock, in another JVM, released together on one key: the log they all
     * append to ({@link IntervalLog}) must read as one holder after another, with exactly the rounds each was given.
     */
    @Test
    void contendersHereAndInAnotherProcess_holdOneAtATime_onALogTheyAllAppendTo(@TempDir Path dir) throws Exception {
        LockKey key = freshPoint();
        int threadsHere = 6;
        int threadsThere = strategy.shared() ? 6 : 0;
        int rounds = 4;
        Path file = dir.resolve("intervals");
        ContendingProcess other = strategy.shared()
                ? ContendingProcess.start(strategy, breakage, key, threadsThere, rounds, dir) : null;
        try (IntervalLog log = IntervalLog.appendingTo(file)) {
            concurrently(threadsHere, party -> ContendingProcess.contend(instance(party), LockKeys.of(key), log,
                    "here-" + party, rounds), () -> {
                if (other != null) {
                    other.go();
                }
            });
            if (other != null) {
                other.awaitSuccess();
            }
        } finally {
            if (other != null) {
                other.close();
            }
        }

        List<String> intervals = IntervalLog.intervals(file);
        System.out.printf("%s: %d intervals one after another, %d hand-overs between the processes%n", strategy,
                intervals.size(), IntervalLog.handOversAcross(intervals, "here-"));
        assertThat(intervals).as("intervals in the log").hasSize((threadsHere + threadsThere) * rounds);
        assertThat(IntervalLog.perHolder(intervals)).as("intervals per holder")
                .hasSize(threadsHere + threadsThere).allSatisfy((holder, count) -> assertThat(count).isEqualTo(rounds));
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

    /** The waiting party asks the server (queue off) and gives up at its deadline: see the class comment. */
    @Test
    void aKeyHeldElsewhere_endsInLockTimeoutWithinTheDeadline_andTheWorkDoesNotRun() throws Exception {
        List<Long> waitedMs = new ArrayList<>();
        do {
            LockKey key = freshPoint();
            AtomicInteger ran = new AtomicInteger();
            try (Holder ignored = new Holder(instance(0), LockKeys.of(key))) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> elsewhere().withLocks(LockKeys.of(key), Deadline.after(SHORT_WAIT),
                        ran::incrementAndGet))
                        .isInstanceOf(LockTimeoutException.class);
                waitedMs.add((System.nanoTime() - started) / 1_000_000);
            }
            assertThat(ran.get()).as("the work must not run without its locks").isZero();
            assertThat(waitedMs.getLast()).as("ms waited for a key held elsewhere, with a %d ms wait",
                            SHORT_WAIT.toMillis())
                    .isGreaterThanOrEqualTo(SHORT_WAIT.toMillis());
        } while (waitedMs.getLast() > SHORT_WAIT.plus(LATE_BY_AT_MOST).toMillis() && waitedMs.size() < 3);
        System.out.printf("%s: a %d ms wait for a held key ended after %s ms%n", strategy, SHORT_WAIT.toMillis(),
                waitedMs);

        assertThat(waitedMs.getLast()).as("ms waited in each try " + waitedMs)
                .isLessThanOrEqualTo(SHORT_WAIT.plus(LATE_BY_AT_MOST).toMillis());
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

    /**
     * The first holder's work waits until the next party is inside too, or for {@link #NEXT_PARTY_IN_WITHIN}, before
     * it writes: a lock that lets the next party in before the work ends lets it in then, and it reads nothing; a lock
     * that excludes keeps it out for the whole wait, and it reads what the work wrote.
     */
    @Test
    void theNextHolder_seesWhatTheWorkDid() throws Exception {
        LockKeys key = LockKeys.of(freshPoint());
        AtomicInteger written = new AtomicInteger();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch nextInside = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> instance(0).withLocks(key,
                Deadline.after(LONG_WAIT), () -> {
                    firstInside.countDown();
                    await(nextInside, NEXT_PARTY_IN_WITHIN);
                    written.set(1);
                    return null;
                }), OWN_THREAD);
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();

        Integer seen = onItsOwnThread(() -> elsewhere().withLocks(key, Deadline.after(LONG_WAIT), () -> {
            int read = written.get();
            nextInside.countDown();
            return read;
        }));
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
}

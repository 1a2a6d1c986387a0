package com.ecommerce.bootstrap.lock;

import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.support.Concurrently;
import com.ecommerce.bootstrap.support.Concurrently.Outcome;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The {@code LockPort} contract, run against each strategy as wired in production (one subclass per adapter),
 * with real threads and the real database and Redis. Keys name real rows (a user's balance, items' stock) because
 * the database strategy locks rows.
 *
 * <p>Two instances: the shared strategies sit behind a local queue that lets one thread per key and instance reach
 * the shared lock, so two parties on one instance would meet in the queue and never test the shared lock. Every
 * clause with two parties therefore puts one on {@link #thisInstance()} and one on {@link #otherInstance()}, a second
 * instance of the service over the same database and lock servers, with a queue of its own.
 *
 * <p>What a broken lock does here (shown by {@link LockBreakagesIT}): a lock that lets two parties in at once is
 * caught by the in-memory count of parties inside, the lost in-memory increments and the values the parties read,
 * none of which relies on the row version; the row version's own answer, {@code CONCURRENT_UPDATE}, must not
 * appear at all, since a working lock never lets a stale write reach it.
 */
public abstract class LockPortContractTest extends IntegrationTest {

    static final Duration LONG_WAIT = Duration.ofSeconds(60);
    static final Duration SHORT_WAIT = Duration.ofSeconds(1);
    /**
     * A first, unmeasured give-up before the measured one: the first in a JVM also loads its way out (exceptions,
     * for {@code lock-db} the database error and its translation; 254 and 440 ms over, cold, against at most 76 ms
     * warm), which is not the strategy's wait.
     */
    private static final Duration WARM_UP = Duration.ofMillis(100);
    /** How long a holder keeps a second party waiting for it, where only a broken lock would let that party in. */
    private static final long HOLD_MS = 300;

    /** Every concurrent party gets a thread of its own (the common pool has one worker on 2 cores). */
    private static final Executor THREADS = Executors.newCachedThreadPool();

    @Autowired
    protected LockStrategy lockPort;
    @Autowired
    protected TransactionPort transactions;
    @Autowired
    protected PointStorePort points;

    @Autowired
    protected IdempotencyStorePort idempotencyStore;
    @Autowired
    protected IdempotencyRetention retention;

    private LockStrategy thisInstance;
    private LockStrategy otherInstance;

    /** Both instances, once per test, before any party runs. */
    @BeforeEach
    void createInstances() {
        thisInstance = createThisInstance();
        otherInstance = createOtherInstance();
    }

    /** This instance's strategy: the service's own, as wired. */
    protected LockStrategy createThisInstance() {
        return lockPort;
    }

    /**
     * The same strategy as a second instance of the service holds it. This instance by default: {@code lock-jvm}
     * excludes within one JVM only (its stated scope), and {@code lock-optimistic} holds nothing.
     */
    protected LockStrategy createOtherInstance() {
        return thisInstance;
    }

    protected final LockStrategy thisInstance() {
        return thisInstance;
    }

    protected final LockStrategy otherInstance() {
        return otherInstance;
    }

    /** The store the work reads and writes balances through: the service's own. */
    protected PointStorePort pointStore() {
        return points;
    }

    /**
     * How long past a 1 s wait a strategy may take to give up. 250 ms by default: every strategy waits by the
     * request's deadline and gives up when it passes; what comes after is a wake-up, a round trip and the way out
     * (measured on 2 shared cores at a load average of 10, ten waits each: jvm, redis, redlock and zookeeper ended
     * 0-52 ms after the deadline). The rest is room for a thread scheduled late on a loaded machine. A wait never
     * ends before the deadline: the request's deadline starts after this test's clock does.
     */
    protected Duration timeoutOverrun() {
        return Duration.ofMillis(250);
    }

    /** Work in a transaction under the locks of {@code keys}, composed exactly as every use case runs it. */
    protected <T> T lockedTransaction(LockStrategy instance, List<LockKey> keys, Duration wait, Supplier<T> work) {
        return new GuardedUnitOfWork(instance, transactions, new Idempotency(idempotencyStore, transactions, retention),
                wait).run(LockKeys.of(keys), IdempotentRequest.none(), work);
    }

    protected <T> T lockedTransaction(List<LockKey> keys, Duration wait, Supplier<T> work) {
        return lockedTransaction(thisInstance(), keys, wait, work);
    }

    /**
     * 32 threads, half on each instance, 5 rounds each, on one balance. Inside the lock each one reads an in-memory
     * counter, adds one to the balance in the database and writes the counter back: a second party inside at once
     * shows as two inside, as a lost in-memory increment, and then as a stale write the version check refuses.
     */
    @Test
    void mutualExclusion_32ThreadsOnOneKey_neverOverlapAndLoseNoIncrement() {
        long userId = api.newUser("mutex");
        LockKey key = LockKey.point(userId);
        long initial = balance(userId);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int threads = 32;
        int rounds = 5;

        List<Outcome<Integer>> outcomes = Concurrently.run(threads, i -> {
            LockStrategy instance = i % 2 == 0 ? thisInstance() : otherInstance();
            for (int r = 0; r < rounds; r++) {
                try {
                    lockedTransaction(instance, List.of(key), LONG_WAIT, () -> {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            int read = counter.get();
                            Thread.yield();
                            addOne(userId, new ConcurrentLinkedQueue<>());
                            counter.set(read + 1);
                        } finally {
                            inside.decrementAndGet();
                        }
                        return null;
                    });
                } catch (ConcurrentUpdateException stale) {
                    refused.incrementAndGet();
                }
            }
            return rounds;
        });

        assertSoftly(soft -> {
            soft.assertThat(maxInside.get()).as("parties inside the lock at once").isEqualTo(1);
            soft.assertThat(counter.get()).as("in-memory increments that survived").isEqualTo(threads * rounds);
            soft.assertThat(refused.get()).as("CONCURRENT_UPDATE answers").isZero();
            soft.assertThat(outcomes).allMatch(Outcome::succeeded);
            soft.assertThat(balance(userId)).as("balance").isEqualTo(initial + threads * rounds);
        });
        System.out.printf("[contract:%s] mutual exclusion: %d threads x %d rounds on two instances, max inside 1, "
                + "counter %d, balance +%d, 0 CONCURRENT_UPDATE%n", thisInstance().strategy().id(), threads, rounds,
                counter.get(), balance(userId) - initial);
    }

    @Test
    void crossingMultiKeySets_neverDeadlock() {
        long a = api.newItem(1, 10);
        long b = api.newItem(1, 10);
        long user = api.newUser("cross");
        List<LockKey> forward = List.of(LockKey.itemStock(a), LockKey.itemStock(b), LockKey.point(user));
        List<LockKey> backward = List.of(LockKey.point(user), LockKey.itemStock(b), LockKey.itemStock(a));
        int threads = 16;
        int rounds = 5;

        long started = System.nanoTime();
        List<Outcome<Integer>> outcomes = Concurrently.run(threads, i -> {
            LockStrategy instance = i % 4 < 2 ? thisInstance() : otherInstance();
            for (int r = 0; r < rounds; r++) {
                lockedTransaction(instance, i % 2 == 0 ? forward : backward, Duration.ofSeconds(30), () -> {
                    Thread.onSpinWait();
                    return null;
                });
            }
            return rounds;
        });

        assertThat(outcomes).allMatch(Outcome::succeeded);
        System.out.printf("[contract:%s] crossing key sets: %d acquisitions of [A,B,P] vs [P,B,A], 0 deadlocks, %d ms%n",
                thisInstance().strategy().id(), threads * rounds, (System.nanoTime() - started) / 1_000_000);
    }

    /** The holder is on this instance, the waiter on the other, so the waiter waits on the shared lock itself. */
    @Test
    void theWaitTimeoutIsHonoured() throws Exception {
        LockKey key = LockKey.point(api.newUser("timeout"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            held.countDown();
            await(release, 60_000);
            return null;
        }), THREADS);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        long warmUp = System.nanoTime();
        Throwable first = catchThrowable(
                () -> lockedTransaction(otherInstance(), List.of(key), WARM_UP, ran::incrementAndGet));
        long warmUpMs = (System.nanoTime() - warmUp) / 1_000_000;

        long started = System.nanoTime();
        Throwable waited;
        try {
            waited = catchThrowable(
                    () -> lockedTransaction(otherInstance(), List.of(key), SHORT_WAIT, ran::incrementAndGet));
        } finally {
            release.countDown();
        }
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        holder.get(30, TimeUnit.SECONDS);

        assertThat(first).as("what the first waiter of a held key got").isInstanceOf(LockTimeoutException.class);
        assertThat(waited).as("what the waiter of a held key got").isInstanceOf(LockTimeoutException.class);
        assertThat(ran.get()).as("the work must not run without its locks").isZero();
        assertThat(waitedMs).as("ms waited for a 1 s wait")
                .isBetween(SHORT_WAIT.toMillis(), SHORT_WAIT.plus(timeoutOverrun()).toMillis());
        System.out.printf("[contract:%s] wait timeout 1000 ms on the other instance: gave up after %d ms (first "
                + "give-up, 100 ms: %d ms)%n", thisInstance().strategy().id(), waitedMs, warmUpMs);
    }

    @Test
    void locksAreReleasedWhenTheWorkThrows() {
        LockKey key = LockKey.point(api.newUser("throws"));
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            throw boom;
        })).isSameAs(boom);

        for (LockStrategy instance : List.of(otherInstance(), thisInstance())) {
            long started = System.nanoTime();
            String result = CompletableFuture.supplyAsync(
                    () -> lockedTransaction(instance, List.of(key), SHORT_WAIT, () -> "free"), THREADS).join();
            assertThat(result).isEqualTo("free");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(900);
        }
    }

    /**
     * Two writers of one balance, the first on this instance, the second on the other, started once the first is
     * inside. The first holds twice before its commit, each time until the second is inside or {@value #HOLD_MS}
     * ms have passed: inside its work before writing (a lock that lets a second party in while held), and after its
     * work, before the commit (a lock released before the commit). The second must enter after the first's work,
     * read the value the first committed, and both must land.
     */
    @Test
    void locksAreReleasedOnlyAfterTheCommit() throws Exception {
        long userId = api.newUser("commit");
        LockKey key = LockKey.point(userId);
        long initial = balance(userId);
        ConcurrentLinkedQueue<Long> readByWriter = new ConcurrentLinkedQueue<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondCalling = new CountDownLatch(1);
        CountDownLatch secondInside = new CountDownLatch(1);
        AtomicBoolean firstInWork = new AtomicBoolean();
        AtomicBoolean secondEnteredDuringFirstWork = new AtomicBoolean();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            firstInWork.set(true);
            firstInside.countDown();
            await(secondCalling, 30_000);
            await(secondInside, HOLD_MS);
            addOne(userId, readByWriter);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    await(secondInside, HOLD_MS);
                }
            });
            firstInWork.set(false);
            return null;
        }), THREADS);
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            secondCalling.countDown();
            lockedTransaction(otherInstance(), List.of(key), LONG_WAIT, () -> {
                secondEnteredDuringFirstWork.set(firstInWork.get());
                secondInside.countDown();
                return addOne(userId, readByWriter);
            });
        }, THREADS);

        Throwable firstFailure = failureOf(first);
        Throwable secondFailure = failureOf(second);
        assertSoftly(soft -> {
            soft.assertThat(secondEnteredDuringFirstWork).as("the second entered while the first was in its work")
                    .isFalse();
            soft.assertThat(readByWriter).as("balances read by the first and the second")
                    .containsExactly(initial, initial + 1);
            soft.assertThat(firstFailure).as("the first writer's failure").isNull();
            soft.assertThat(secondFailure).as("the second writer's failure").isNull();
            soft.assertThat(balance(userId)).as("balance").isEqualTo(initial + 2);
        });
    }

    protected Void addOne(long userId, ConcurrentLinkedQueue<Long> reads) {
        Point point = pointStore().findPoint(userId).orElseThrow();
        reads.add(point.balance());
        point.charge(1);
        pointStore().updatePoint(point);
        return null;
    }

    protected long balance(long userId) {
        return points.findPoint(userId).orElseThrow().balance();
    }

    private static Throwable failureOf(CompletableFuture<?> party) throws Exception {
        try {
            party.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Waits up to {@code ms} for {@code latch}; a hold that ends without it is the expected case, not a failure. */
    protected static void await(CountDownLatch latch, long ms) {
        try {
            latch.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

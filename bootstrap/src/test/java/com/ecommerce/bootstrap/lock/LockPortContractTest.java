package com.ecommerce.bootstrap.lock;

import com.ecommerce.domain.lock.Deadline;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code LockPort} contract, run against each strategy as wired in production (one subclass per adapter),
 * with real threads and the real database and Redis. Keys name real rows (a user's balance, items' stock) because
 * the database strategy locks rows.
 *
 * <p>Timeout tolerance: a 1 s wait must end between 0.95 s and 2.0 s. The upper slack covers a database that rounds
 * its lock wait up to whole seconds, Redis round trips and a loaded 2-core CI machine.
 */
public abstract class LockPortContractTest extends IntegrationTest {

    static final Duration LONG_WAIT = Duration.ofSeconds(60);
    static final Duration SHORT_WAIT = Duration.ofSeconds(1);

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

    /** Work in a transaction under the locks of {@code keys}, composed exactly as every use case runs it. */
    protected <T> T lockedTransaction(List<LockKey> keys, Duration wait, Supplier<T> work) {
        return new GuardedUnitOfWork(lockPort, transactions, new Idempotency(idempotencyStore, transactions, retention), wait)
                .run(LockKeys.of(keys), IdempotentRequest.none(), work);
    }

    @Test
    void mutualExclusion_32ThreadsOnOneKey_neverOverlapAndLoseNoIncrement() {
        LockKey key = LockKey.point(api.newUser("mutex"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        int threads = 32;
        int rounds = 5;

        List<Outcome<Integer>> outcomes = Concurrently.run(threads, i -> {
            for (int r = 0; r < rounds; r++) {
                lockedTransaction(List.of(key), LONG_WAIT, () -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    int read = counter.get();
                    Thread.yield();
                    counter.set(read + 1);
                    inside.decrementAndGet();
                    return null;
                });
            }
            return rounds;
        });

        assertThat(outcomes).allMatch(Outcome::succeeded);
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(counter.get()).isEqualTo(threads * rounds);
        System.out.printf("[contract:%s] mutual exclusion: %d threads x %d rounds, max inside 1, counter %d%n",
                lockPort.strategy().id(), threads, rounds, counter.get());
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
            for (int r = 0; r < rounds; r++) {
                lockedTransaction(i % 2 == 0 ? forward : backward, Duration.ofSeconds(30), () -> {
                    Thread.onSpinWait();
                    return null;
                });
            }
            return rounds;
        });

        assertThat(outcomes).allMatch(Outcome::succeeded);
        System.out.printf("[contract:%s] crossing key sets: %d acquisitions of [A,B,P] vs [P,B,A], 0 deadlocks, %d ms%n",
                lockPort.strategy().id(), threads * rounds, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theWaitTimeoutIsHonoured() throws Exception {
        LockKey key = LockKey.point(api.newUser("timeout"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            held.countDown();
            await(release);
            return null;
        }), THREADS);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();

        long started = System.nanoTime();
        assertThatThrownBy(() -> lockedTransaction(List.of(key), SHORT_WAIT, ran::incrementAndGet))
                .isInstanceOf(LockTimeoutException.class);
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);

        assertThat(ran.get()).as("the work must not run without its locks").isZero();
        assertThat(waitedMs).isBetween(950L, 2_000L);
        System.out.printf("[contract:%s] wait timeout 1000 ms: gave up after %d ms%n", lockPort.strategy().id(), waitedMs);
    }

    @Test
    void locksAreReleasedWhenTheWorkThrows() {
        LockKey key = LockKey.point(api.newUser("throws"));
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            throw boom;
        })).isSameAs(boom);

        long started = System.nanoTime();
        String result = CompletableFuture.supplyAsync(
                () -> lockedTransaction(List.of(key), SHORT_WAIT, () -> "free"), THREADS).join();
        assertThat(result).isEqualTo("free");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(900);
    }

    /**
     * Two writers of one balance, the first delaying its commit by 300 ms after its work is done. If a strategy
     * released the lock before the commit, the second would read the old balance, and its version-checked write
     * would fail or its update would be lost. Both must land, and the second must read the first's value.
     */
    @Test
    void locksAreReleasedOnlyAfterTheCommit() throws Exception {
        long userId = api.newUser("commit");
        LockKey key = LockKey.point(userId);
        long initial = points.findPoint(userId).orElseThrow().balance();
        ConcurrentLinkedQueue<Long> readByWriter = new ConcurrentLinkedQueue<>();
        CountDownLatch firstInside = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            firstInside.countDown();
            addOne(userId, readByWriter);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    sleep(300);
                }
            });
            return null;
        }), THREADS);
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(
                () -> lockedTransaction(List.of(key), LONG_WAIT, () -> addOne(userId, readByWriter)), THREADS);

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        assertThat(readByWriter).containsExactly(initial, initial + 1);
        assertThat(points.findPoint(userId).orElseThrow().balance()).isEqualTo(initial + 2);
    }

    protected Void addOne(long userId, ConcurrentLinkedQueue<Long> reads) {
        Point point = points.findPoint(userId).orElseThrow();
        reads.add(point.balance());
        point.charge(1);
        points.updatePoint(point);
        return null;
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

package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local queue in front of a shared lock: what reaches the shared lock, and the one wait budget. The shared lock
 * here records its callers instead of locking, so that the test sees how many threads would contend for Redis,
 * ZooKeeper or a row at once; the queue in front of a real Redis is {@code LocallyQueuedLockAdapterContractIT}.
 */
class LocallyQueuedLockAdapterTest {

    /** Counts, per key, the threads inside {@code withLocks} at once (waiting for the lock or holding it). */
    private static final class RecordingSharedLock implements LockStrategy {
        final ConcurrentHashMap<LockKey, AtomicInteger> contending = new ConcurrentHashMap<>();
        final AtomicInteger maxContending = new AtomicInteger();
        final ConcurrentLinkedQueue<Duration> waitsGiven = new ConcurrentLinkedQueue<>();

        final ConcurrentLinkedQueue<LockKeys> lockedInTransaction = new ConcurrentLinkedQueue<>();

        @Override
        public LockStrategyName strategy() {
            return LockStrategyName.REDIS;
        }

        @Override
        public void lockInTransaction(LockKeys keys, Deadline deadline) {
            lockedInTransaction.add(keys);
        }

        @Override
        public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
            waitsGiven.add(deadline.remaining());
            keys.forEach(k -> maxContending.accumulateAndGet(
                    contending.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet(), Math::max));
            try {
                Thread.yield();
                return work.get();
            } finally {
                keys.forEach(k -> contending.get(k).decrementAndGet());
            }
        }
    }

    private final RecordingSharedLock shared = new RecordingSharedLock();
    private final LocallyQueuedLockAdapter adapter = new LocallyQueuedLockAdapter(shared, new SimpleMeterRegistry());

    @Test
    void withManyWaitersOnOneKey_atMostOneThreadOfThisInstanceReachesTheSharedLock() throws Exception {
        LockKey hot = LockKey.itemStock(1);
        AtomicInteger runs = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int t = 0; t < 32; t++) {
                long user = 1 + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        adapter.withLocks(LockKeys.of(List.of(LockKey.point(user), hot)), Deadline.after(Duration.ofSeconds(30)), () -> {
                            runs.incrementAndGet();
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(runs.get()).isEqualTo(32 * 50);
        assertThat(shared.maxContending.get()).isEqualTo(1);
        assertThat(adapter.queuedKeys()).isZero();
        assertThat(adapter.strategy()).isEqualTo(LockStrategyName.REDIS);
    }

    @Test
    void theSharedLockGetsOnlyWhatIsLeftOfTheWait() throws Exception {
        LockKey key = LockKey.point(3);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holding(key, release);
        Thread.ofPlatform().start(() -> {
            sleep(300);
            release.countDown();
        });

        adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(2)), () -> null);
        holder.join();

        Duration given = shared.waitsGiven.stream().reduce((first, second) -> second).orElseThrow();
        assertThat(given).isLessThanOrEqualTo(Duration.ofMillis(1_750)).isPositive();
    }

    @Test
    void aWaitSpentInTheQueue_endsInLockTimeout_withoutAskingTheSharedLock() throws Exception {
        LockKey key = LockKey.point(4);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holding(key, release);
        int asked = shared.waitsGiven.size();

        assertThatThrownBy(() -> adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofMillis(100)), () -> null))
                .isInstanceOf(LockTimeoutException.class);
        release.countDown();
        holder.join();

        assertThat(shared.waitsGiven).hasSize(asked);
        assertThat(adapter.queuedKeys()).isZero();
    }

    /** A thread that holds {@code key} until {@code release}; returns once it holds it. */
    private Thread holding(LockKey key, CountDownLatch release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(5)), () -> {
            held.countDown();
            await(release);
            return null;
        }));
        held.await();
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
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

    @Test
    void theStepInsideTheTransactionIsTheSharedLocksOwn() {
        RecordingSharedLock shared = new RecordingSharedLock();
        LocallyQueuedLockAdapter adapter = new LocallyQueuedLockAdapter(shared, new SimpleMeterRegistry());
        LockKeys keys = LockKeys.of(LockKey.itemStock(1), LockKey.point(2));

        adapter.lockInTransaction(keys, Deadline.after(Duration.ofMillis(500)));

        assertThat(shared.lockedInTransaction).containsExactly(keys);
    }
}

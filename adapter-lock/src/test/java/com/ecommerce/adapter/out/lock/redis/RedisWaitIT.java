package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.BatchLocks;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A waiter of a held key on the real Redis gives up when its {@link Deadline} has passed, by the deadline's own
 * clock, and not when Redisson's count of the wait (the wall clock, whole milliseconds) says so: Redisson once gave
 * up at 999 ms of a 1 s wait. Here the deadline's clock runs at half speed, so a waiter that trusts Redisson's count
 * gives up after the budget, and one that honours its deadline after twice the budget.
 */
class RedisWaitIT {

    private static final RedissonClient CLIENT = TestRedis.singleClient();
    private static final Duration BUDGET = Duration.ofMillis(300);

    @AfterAll
    static void close() {
        CLIENT.shutdown();
    }

    @Test
    void aWaiter_givesUpOnlyWhenItsDeadlineHasPassed_byTheDeadlinesClock() throws Exception {
        RedisLockAdapter holder = adapter();
        RedisLockAdapter waiter = adapter();
        LockKeys key = LockKeys.of(BatchLocks.ofThirtyBuyers().asList().getFirst());
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holding = Thread.ofPlatform().start(() -> holder.withLocks(key, Deadline.after(Duration.ofSeconds(5)),
                () -> {
                    held.countDown();
                    await(release);
                    return null;
                }));
        held.await();
        AtomicInteger ran = new AtomicInteger();
        long start = System.nanoTime();
        Deadline halfSpeed = Deadline.after(BUDGET, () -> start + (System.nanoTime() - start) / 2);

        Throwable given;
        try {
            given = catchThrowable(() -> waiter.withLocks(key, halfSpeed, ran::incrementAndGet));
        } finally {
            release.countDown();
        }
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        holding.join();

        assertThat(given).isInstanceOf(LockTimeoutException.class);
        assertThat(ran.get()).as("the work must not run without its lock").isZero();
        assertThat(halfSpeed.hasPassed()).isTrue();
        assertThat(waitedMs).as("ms waited, real time, for a deadline of 300 ms on a clock at half speed")
                .isGreaterThanOrEqualTo(2 * BUDGET.toMillis());
    }

    private static RedisLockAdapter adapter() {
        return new RedisLockAdapter(CLIENT, Duration.ofSeconds(10), new LockMetrics(new SimpleMeterRegistry(), "redis"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

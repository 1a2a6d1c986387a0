package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock table's life cycle; the LockPort contract itself is {@code JvmLockAdapterContractTest}. */
class JvmLockAdapterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JvmLockAdapter adapter = new JvmLockAdapter(true, new LockMetrics(registry, "jvm"));

    @Test
    void theTableEmptiesOnceNoKeyIsHeldOrAwaited() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        LockKey key = LockKey.itemStock(1 + (thread + i) % 4);
                        adapter.withLocks(LockKeys.of(List.of(key, LockKey.point(1))), Deadline.after(Duration.ofSeconds(10)), () -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(adapter.tableSize()).isZero();
    }

    @Test
    void aTimedOutWaiterLeavesNoEntryBehind() throws Exception {
        LockKey key = LockKey.point(7);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(5)), () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        held.await();

        assertThatThrownBy(() -> adapter.withLocks(LockKeys.of(List.of(key, LockKey.point(8))), Deadline.after(Duration.ofMillis(100)), () -> null))
                .isInstanceOf(LockTimeoutException.class);
        release.countDown();
        holder.join();

        assertThat(adapter.tableSize()).isZero();
        assertThat(registry.get("ecommerce.lock.failures").tag("reason", "timeout").counter().count()).isEqualTo(1);
    }
}

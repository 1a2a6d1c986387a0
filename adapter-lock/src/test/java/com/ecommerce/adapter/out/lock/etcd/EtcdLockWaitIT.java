package com.ecommerce.adapter.out.lock.etcd;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.EtcdProcess;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a wait on a held key does over etcd, on real clients: a wait longer than the waiter's own lease ends in a lock
 * that really excludes (etcd's lock service would grant a waiter whose key ran out, so the adapter renews the lease
 * while it waits), and a wait during which etcd dies ends in {@code LOCK_UNAVAILABLE} shortly after the wait rather
 * than in {@code LOCK_TIMEOUT} or a hang.
 */
class EtcdLockWaitIT {

    private static final String PREFIX = "/ecommerce/locks/";

    /** Threads of the test's own: the common pool of a 2-core machine runs one task at a time. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static LockKeys someKey() {
        return LockKeys.of(LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52)));
    }

    private static EtcdLockAdapter adapter(Client client, Duration lease) {
        return new EtcdLockAdapter(client, PREFIX, lease, new LockMetrics(new SimpleMeterRegistry(), "etcd"));
    }

    private CompletableFuture<Void> holdUntil(EtcdLockAdapter lock, LockKeys key, CountDownLatch held,
                                                     CountDownLatch release) {
        return CompletableFuture.runAsync(() -> lock.withLocks(key, Deadline.after(Duration.ofSeconds(5)), () -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), threads);
    }

    @Test
    void aWaitLongerThanTheWaitersLease_endsInALockThatExcludes() throws Exception {
        LockKeys key = someKey();
        try (Client holderClient = TestEtcd.client(); Client waiterClient = TestEtcd.client();
             Client thirdClient = TestEtcd.client()) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = holdUntil(adapter(holderClient, Duration.ofSeconds(10)), key, held,
                    release);
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            // the waiter's lease (2 s, etcd's least) runs out twice over while it waits, unless it is renewed
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> adapter(waiterClient,
                    Duration.ofSeconds(2)).withLocks(key, Deadline.after(Duration.ofSeconds(15)), () -> {
                        assertThatThrownBy(() -> adapter(thirdClient, Duration.ofSeconds(10)).withLocks(key,
                                Deadline.after(Duration.ofMillis(500)), () -> "in as well"))
                                .as("a third party, while the waiter holds the key it waited 4.5 s for")
                                .isInstanceOf(LockTimeoutException.class);
                        return "held";
                    }), threads);
            Thread.sleep(4_500);
            assertThat(waiter).as("the waiter, while the holder holds the key").isNotDone();
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        }
    }

    @Test
    void etcdDyingDuringAWait_endsInUnavailableShortlyAfterTheWait() throws Exception {
        LockKeys key = someKey();
        Duration wait = Duration.ofSeconds(2);
        try (EtcdProcess etcd = TestEtcd.process();
             Client holderClient = Client.builder().endpoints(etcd.endpoint()).build();
             Client waiterClient = Client.builder().endpoints(etcd.endpoint()).build()) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            holdUntil(adapter(holderClient, Duration.ofSeconds(10)), key, held, release);
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            EtcdLockAdapter waiter = adapter(waiterClient, Duration.ofSeconds(10));
            long started = System.nanoTime();
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> waiter.withLocks(key,
                    Deadline.after(wait), () -> "granted"), threads);
            Thread.sleep(500);
            etcd.stop();
            try {
                waiting.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the waiter got the lock while etcd was stopped");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(LockUnavailableException.class);
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            release.countDown();
            // the wait, then a probe of at most a second, and the machine's lateness
            assertThat(tookMs).isBetween(wait.toMillis() - 50, wait.toMillis() + 1_000 + 1_000);
            System.out.printf("[etcd] died during a %d ms wait: LOCK_UNAVAILABLE after %d ms%n", wait.toMillis(),
                    tookMs);
        }
    }
}

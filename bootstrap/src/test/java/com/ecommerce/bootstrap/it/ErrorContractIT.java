package com.ecommerce.bootstrap.it;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.FaultInjection;
import com.ecommerce.bootstrap.support.FaultInjection.Fault;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.LockKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error codes that need a fault to appear: a write based on a stale read (what a lost lock leads to), a lock
 * held past the wait timeout, a lock service that cannot grant locks, and an unforeseen failure.
 */
@Import(FaultInjection.class)
@TestPropertySource(properties = "ecommerce.lock.wait-timeout=1s")
class ErrorContractIT extends IntegrationTest {

    @Autowired
    LockStrategy locks;

    @AfterEach
    void clearFault() {
        FaultInjection.FAULT.set(Fault.NONE);
    }

    @Test
    void aWriteBasedOnAStaleRead_is409ConcurrentUpdateAndChangesNothing() {
        long userId = api.newUserWithBalance(5_000);
        long pen = api.newItem(1_000, 3);
        DbSnapshot before = snapshot();

        FaultInjection.FAULT.set(Fault.STALE_READ);
        Response charge = api.charge(userId, 10);
        Response order = api.order(userId, pen, 1);
        FaultInjection.FAULT.set(Fault.NONE);

        for (Response r : List.of(charge, order)) {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("CONCURRENT_UPDATE");
        }
        DbSnapshot after = snapshot();
        assertThat(after.balanceSum()).isEqualTo(before.balanceSum());
        assertThat(after.stockSum()).isEqualTo(before.stockSum());
        assertThat(after.orders()).isEqualTo(before.orders());
        assertThat(after.historyRows()).isEqualTo(before.historyRows());
        // the only change is the other writer's version bumps, two of them
        assertThat(after.pointVersions()).isEqualTo(before.pointVersions() + 2);
        assertThat(api.charge(userId, 10).status()).isEqualTo(200);
    }

    @Test
    void aLockHeldPastTheWaitTimeout_is503LockTimeoutWithRetryAfter() throws Exception {
        long userId = api.newUserWithBalance(100);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> locks.withLocks(LockKeys.of(List.of(LockKey.point(userId))), Deadline.after(Duration.ofSeconds(1)), () -> {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        held.await();
        DbSnapshot before = snapshot();

        long started = System.nanoTime();
        Response r = api.charge(userId, 10);
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        release.countDown();
        holder.get();

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.code()).isEqualTo("LOCK_TIMEOUT");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(waitedMs).isBetween(900L, 3_000L);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.charge(userId, 10).status()).isEqualTo(200);
    }

    @Test
    void aLockServiceThatCannotGrantLocks_is503LockUnavailableWithRetryAfter() {
        long userId = api.newUserWithBalance(100);
        DbSnapshot before = snapshot();

        FaultInjection.FAULT.set(Fault.LOCKS_UNAVAILABLE);
        Response r = api.charge(userId, 10);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.code()).isEqualTo("LOCK_UNAVAILABLE");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnforeseenFailure_is500InternalErrorThatRevealsNothing() {
        long userId = api.newUser("boom");
        FaultInjection.FAULT.set(Fault.UNEXPECTED);

        Response r = api.get("/api/v1/users/" + userId + "/points");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(r.body()).doesNotContain("xyz_internal", "IllegalStateException", "injected");
    }
}

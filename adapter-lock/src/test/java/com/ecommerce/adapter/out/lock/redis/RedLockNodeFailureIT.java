package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.redisson.api.RedissonClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RedLock with dead masters, measured: one of three down must cost well under a second per acquire and release
 * (Redisson's defaults cost about 5 s); two of three down must fail fast as LOCK_UNAVAILABLE.
 */
class RedLockNodeFailureIT {

    private RedLockAdapter adapter;

    @AfterEach
    void shutdown() {
        if (adapter != null) {
            adapter.shutdown();
        }
    }

    private RedLockAdapter adapterOver(List<String> addresses) {
        adapter = new RedLockAdapter(addresses.stream().map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList(),
                Duration.ofSeconds(10), new LockMetrics(new SimpleMeterRegistry(), "redlock"));
        return adapter;
    }

    private static LockKey someKey() {
        return LockKey.itemStock(ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000));
    }

    @Test
    void theTunedClients_makeAQuorumLockOverADeadMasterCostWellUnderASecond() throws IOException {
        List<String> live = TestRedis.redlockAddressList();
        List<RedissonClient> clients = List.of(RedissonClients.create(live.get(0), TestRedis.TUNING),
                RedissonClients.create(live.get(1), TestRedis.TUNING), RedissonClients.create(TestRedis.deadAddress(), TestRedis.TUNING));
        try {
            long worstMs = 0;
            for (int i = 0; i < 3; i++) {
                LockKeys keys = LockKeys.of(List.of(someKey()));
                QuorumLock lock = new QuorumLock(clients.stream().map(c -> RedisLockAdapter.lockOf(c, keys)).toList(),
                        2, Duration.ofSeconds(10));
                long started = System.nanoTime();
                try {
                    assertThat(lock.tryAcquire()).isTrue();
                } finally {
                    assertThat(lock.release()).isEqualTo(2);
                }
                worstMs = Math.max(worstMs, (System.nanoTime() - started) / 1_000_000);
            }
            assertThat(worstMs).isLessThan(1_000);
            System.out.printf("[redlock] quorum lock including a dead master, tuned clients: acquire + release "
                    + "at most %d ms%n", worstMs);
        } finally {
            clients.forEach(RedissonClient::shutdown);
        }
    }

    @Test
    void oneDeadMasterOfThree_costsWellUnderASecond() throws IOException {
        List<String> live = TestRedis.redlockAddressList();
        List<String> addresses = new ArrayList<>(live.subList(0, 2));
        addresses.add(TestRedis.deadAddress());
        RedLockAdapter redLock = adapterOver(addresses);

        long worstMs = 0;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            String result = redLock.withLocks(LockKeys.of(List.of(someKey())), Deadline.after(Duration.ofSeconds(3)), () -> "locked");
            worstMs = Math.max(worstMs, (System.nanoTime() - started) / 1_000_000);
            assertThat(result).isEqualTo("locked");
        }

        assertThat(worstMs).isLessThan(1_000);
        System.out.printf("[redlock] adapter, 1 of 3 masters dead (probed once, then left out): acquire + release "
                + "took at most %d ms%n", worstMs);
    }

    @Test
    void twoDeadMastersOfThree_failFastAsUnavailable() throws IOException {
        List<String> live = TestRedis.redlockAddressList();
        RedLockAdapter redLock = adapterOver(List.of(live.get(0), TestRedis.deadAddress(), TestRedis.deadAddress()));

        long started = System.nanoTime();
        assertThatThrownBy(() -> redLock.withLocks(LockKeys.of(List.of(someKey())), Deadline.after(Duration.ofSeconds(1)), () -> "never"))
                .isInstanceOf(LockUnavailableException.class)
                .hasMessageContaining("1 of 3 Redis nodes reachable");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMs).isLessThan(3_000);
        System.out.printf("[redlock] 2 of 3 masters dead: LOCK_UNAVAILABLE after %d ms (wait 1000 ms)%n", tookMs);
    }
}

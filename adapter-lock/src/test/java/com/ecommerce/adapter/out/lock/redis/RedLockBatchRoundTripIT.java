package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a batch's RedLock costs on three real masters, counted by each master itself ({@code INFO commandstats}):
 * thirty buyers' balances and an item, 31 keys, are taken with one script call on each master and given back with one
 * more; and a batch is taken whole or not at all: while another holder has one of its keys on a majority of the
 * masters, none of the others is taken there, and a third party takes them meanwhile.
 */
class RedLockBatchRoundTripIT {

    private static List<RedissonClient> adapterClients;
    private static List<RedissonClient> observers;
    private static RedLockAdapter adapter;

    @BeforeAll
    static void connect() {
        adapterClients = TestRedis.redlockAddressList().stream()
                .map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList();
        observers = TestRedis.redlockAddressList().stream()
                .map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList();
        adapter = new RedLockAdapter(adapterClients, Duration.ofSeconds(10), metrics());
    }

    @AfterAll
    static void close() {
        adapter.shutdown();
        observers.forEach(RedissonClient::shutdown);
    }

    @Test
    void thirtyOneKeys_cost_oneScriptPerMasterToTake_andOneToGiveBack() throws InterruptedException {
        // the first acquisition probes the masters and may load the scripts: not what is counted
        adapter.withLocks(batchOfThirtyBuyers(), Deadline.after(Duration.ofSeconds(2)), () -> null);
        LockKeys batch = batchOfThirtyBuyers();

        List<Long> before = scriptCalls();
        List<Long> during = adapter.withLocks(batch, Deadline.after(Duration.ofSeconds(2)),
                RedLockBatchRoundTripIT::scriptCalls);
        // the work begins once a quorum has answered; a master answering later is given the keys back when it does
        long settledBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        List<Long> after = scriptCalls();
        while (difference(after, before).stream().anyMatch(calls -> calls < 2) && System.nanoTime() < settledBy) {
            Thread.sleep(10);
            after = scriptCalls();
        }

        List<Long> toTake = difference(during, before);
        assertThat(toTake).as("script calls to take 31 keys, per master, by the time the work ran")
                .allMatch(calls -> calls <= 1);
        assertThat(toTake.stream().filter(calls -> calls == 1).count()).as("masters that had taken them")
                .isGreaterThanOrEqualTo(2);
        assertThat(difference(after, before)).as("script calls to take them and give them back, per master")
                .containsExactly(2L, 2L, 2L);
        for (int master = 0; master < 3; master++) {
            assertThat(RedisLockAdapter.lockOf(observers.get(master), batch).isLocked()).isFalse();
        }
        System.out.printf("[redlock] 31 keys: %s script calls per master to take them (by the time the work ran), "
                + "%s to take and give them back%n", toTake, difference(after, before));
    }

    @Test
    void aBatchWithOneKeyHeldOnAMajority_takesNoneOfItsKeys_whichAThirdPartyTakesMeanwhile() throws Exception {
        LockKeys batch = batchOfThirtyBuyers();
        LockKey taken = batch.asList().get(17);
        LockKeys others = LockKeys.of(batch.asList().stream().filter(key -> !key.equals(taken)).toList());
        heldElsewhereOn(LockKeys.of(taken), 0, 1);

        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() ->
                adapter.withLocks(batch, Deadline.after(Duration.ofMillis(1_500)), () -> "ran"));
        List<Boolean> seenOnTheMajority = new ArrayList<>();
        long sampleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < sampleUntil) {
            seenOnTheMajority.add(anyLocked(others, 0) || anyLocked(others, 1));
            Thread.sleep(5);
        }
        RedLockAdapter thirdParty = new RedLockAdapter(observers, Duration.ofSeconds(10), metrics());
        String thirdPartyWhileWaiting = thirdParty.withLocks(others, Deadline.after(Duration.ofMillis(300)),
                () -> waiting.isDone() ? "too late" : "third");

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(LockTimeoutException.class);
        assertThat(seenOnTheMajority).as("samples while the batch waited").isNotEmpty()
                .as("any other key of the batch held on the masters where one of its keys is held elsewhere")
                .containsOnly(false);
        assertThat(thirdPartyWhileWaiting).as("the batch's other keys, taken by a third party while it waited")
                .isEqualTo("third");
        for (int master = 0; master < 3; master++) {
            assertThat(anyLocked(others, master)).as("other keys held on master %d after the wait", master).isFalse();
        }
    }

    private static boolean anyLocked(LockKeys keys, int master) {
        return RedisLockAdapter.lockOf(observers.get(master), keys).isLocked();
    }

    /** Another holder (clients of its own, so another owner) takes {@code keys} on the given masters. */
    private static void heldElsewhereOn(LockKeys keys, int... masters) {
        List<RedissonClient> other = TestRedis.redlockAddressList().stream()
                .map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList();
        try {
            for (int master : masters) {
                RedisLockAdapter.lockOf(other.get(master), keys).lock(30, TimeUnit.SECONDS);
            }
        } finally {
            other.forEach(RedissonClient::shutdown);
        }
    }

    private static LockKeys batchOfThirtyBuyers() {
        return RedisBatchRoundTripIT.batchOfThirtyBuyers();
    }

    /** Calls of EVAL and EVALSHA each master has counted. */
    private static List<Long> scriptCalls() {
        return observers.stream().map(RedisBatchRoundTripIT::scriptCalls).toList();
    }

    private static List<Long> difference(List<Long> later, List<Long> earlier) {
        List<Long> difference = new ArrayList<>();
        for (int i = 0; i < later.size(); i++) {
            difference.add(later.get(i) - earlier.get(i));
        }
        return difference;
    }

    private static LockMetrics metrics() {
        return new LockMetrics(new SimpleMeterRegistry(), "redlock");
    }
}

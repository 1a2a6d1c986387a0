package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quorum rules of {@link QuorumLock} over three real masters, for a set of keys taken whole on each: a majority
 * wins even when another holder has one of the keys on a minority, a minority loses and gives back what it took, a
 * majority of the masters asked is not enough when it is no majority of all, a lease too short to outlive the round is
 * refused, and a set that expired before its release is reported as held nowhere.
 */
class QuorumLockIT {

    private static List<RedissonClient> masters;
    private static List<RedissonClient> otherHolder;

    @BeforeAll
    static void connect() {
        List<String> addresses = TestRedis.redlockAddressList();
        masters = addresses.stream().map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList();
        otherHolder = addresses.stream().map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList();
    }

    @AfterAll
    static void shutdown() {
        masters.forEach(RedissonClient::shutdown);
        otherHolder.forEach(RedissonClient::shutdown);
    }

    /** Three keys, fresh per test. */
    private static LockKeys someKeys() {
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        return LockKeys.of(List.of(LockKey.point(base), LockKey.point(base + 1), LockKey.itemStock(base)));
    }

    private static QuorumLock quorumLock(LockKeys keys, Duration lease) {
        return new QuorumLock(masters.stream().map(m -> RedisLockAdapter.lockOf(m, keys)).toList(), 2, lease);
    }

    /** Another holder (another client, so another owner) takes {@code key} on the given masters. */
    private static void heldElsewhereOn(LockKey key, int... masterIndexes) {
        CompletableFuture.runAsync(() -> {
            for (int i : masterIndexes) {
                RedisLockAdapter.lockOf(otherHolder.get(i), LockKeys.of(key)).lock(30, TimeUnit.SECONDS);
            }
        }).join();
    }

    private static boolean anyLockedOn(LockKeys keys, int master) {
        return RedisLockAdapter.lockOf(masters.get(master), keys).isLocked();
    }

    @Test
    void aMajorityWins_evenWhenAnotherHolderHasOneOfTheKeysOnOneMaster() {
        LockKeys keys = someKeys();
        heldElsewhereOn(keys.asList().get(1), 0);
        QuorumLock lock = quorumLock(keys, Duration.ofSeconds(10));

        assertThat(lock.tryAcquire()).isTrue();
        assertThat(anyLockedOn(LockKeys.of(keys.asList().getFirst()), 0))
                .as("the master where one key was held took none of the set").isFalse();
        assertThat(lock.release()).isEqualTo(2);
        assertThat(anyLockedOn(keys, 1)).isFalse();
        assertThat(anyLockedOn(keys, 2)).isFalse();
    }

    @Test
    void aMinorityLoses_andGivesBackWhatItTook() {
        LockKeys keys = someKeys();
        heldElsewhereOn(keys.asList().getLast(), 1, 2);
        QuorumLock lock = quorumLock(keys, Duration.ofSeconds(10));

        long started = System.nanoTime();
        assertThat(lock.tryAcquire()).isFalse();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(anyLockedOn(keys, 0)).as("the master it had taken is free again").isFalse();
        assertThat(lock.answered()).as("masters that answered the round").isEqualTo(3);
        assertThat(tookMs).as("one round, no master waited on").isLessThan(1_000);
    }

    @Test
    void aMajorityOfTheMastersAsked_isNotEnough_whenItIsNoMajorityOfAll() throws IOException {
        LockKeys keys = someKeys();
        RedissonClient dead = RedissonClients.create(TestRedis.deadAddress(), TestRedis.TUNING);
        try {
            // of five masters, the one asked that is alive and a dead one: the live one grants, 1 of the 3 needed
            QuorumLock lock = new QuorumLock(List.of(RedisLockAdapter.lockOf(masters.getFirst(), keys),
                    RedisLockAdapter.lockOf(dead, keys)), 3, Duration.ofSeconds(10));

            assertThat(lock.tryAcquire()).isFalse();
            assertThat(anyLockedOn(keys, 0)).as("the live master's grant given back").isFalse();
        } finally {
            dead.shutdown();
        }
    }

    @Test
    void aLeaseShorterThanTheRound_isNotValid() {
        LockKeys keys = someKeys();
        QuorumLock lock = quorumLock(keys, Duration.ofMillis(2));

        assertThat(lock.tryAcquire()).isFalse();
        assertThat(anyLockedOn(keys, 0) || anyLockedOn(keys, 1) || anyLockedOn(keys, 2)).isFalse();
    }

    @Test
    void aSetThatExpiredBeforeItsRelease_isHeldNowhere() throws InterruptedException {
        LockKeys keys = someKeys();
        QuorumLock lock = quorumLock(keys, Duration.ofMillis(300));
        assertThat(lock.tryAcquire()).isTrue();

        Thread.sleep(600);

        assertThat(lock.release()).isZero();
    }

    @Test
    void theSetIsOwnedByTheThreadThatAsked_andGivenBackFromAnother() throws Exception {
        LockKeys keys = someKeys();
        QuorumLock lock = quorumLock(keys, Duration.ofSeconds(10));
        assertThat(lock.tryAcquire()).isTrue();
        long asker = Thread.currentThread().threadId();

        RLock onFirst = RedisLockAdapter.lockOf(masters.getFirst(), keys);
        assertThat(onFirst.isHeldByThread(asker)).isTrue();
        int stillHeld = CompletableFuture.supplyAsync(lock::release).get();

        assertThat(stillHeld).as("masters counted and given back (a third may have answered after the quorum)")
                .isGreaterThanOrEqualTo(2);
        assertThat(anyLockedOn(keys, 0) || anyLockedOn(keys, 1) || anyLockedOn(keys, 2)).isFalse();
    }
}

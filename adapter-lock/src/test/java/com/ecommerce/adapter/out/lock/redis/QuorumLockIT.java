package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quorum rules of {@link QuorumLock} over three real masters: a majority wins even when another holder has a
 * minority, a minority loses and gives back what it took, a lease too short to outlive the round is refused, and a
 * lock that expired before its release is reported as held nowhere.
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

    private static String someName() {
        return "ecommerce:lock:quorum-test-" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static QuorumLock quorumLock(String name, Duration lease) {
        return new QuorumLock(masters.stream().map(m -> m.getLock(name)).toList(), 2, lease);
    }

    private static Deadline deadlineIn(Duration wait) {
        return Deadline.after(wait);
    }

    /** Another holder (another client, so another owner) takes the lock on the given masters, from its own thread. */
    private static void heldElsewhereOn(String name, int... masterIndexes) {
        CompletableFuture.runAsync(() -> {
            for (int i : masterIndexes) {
                otherHolder.get(i).getLock(name).lock(30, TimeUnit.SECONDS);
            }
        }).join();
    }

    private static boolean lockedOn(String name, int master) {
        return masters.get(master).getLock(name).isLocked();
    }

    @Test
    void aMajorityWins_evenWhenAnotherHolderHasOneMaster() {
        String name = someName();
        heldElsewhereOn(name, 0);
        QuorumLock lock = quorumLock(name, Duration.ofSeconds(10));

        assertThat(lock.tryAcquire(deadlineIn(Duration.ofSeconds(1)), Duration.ofMillis(100))).isTrue();
        assertThat(lock.release()).isEqualTo(2);
        assertThat(lockedOn(name, 1)).isFalse();
        assertThat(lockedOn(name, 2)).isFalse();
    }

    @Test
    void aMinorityLoses_andGivesBackWhatItTook() {
        String name = someName();
        heldElsewhereOn(name, 1, 2);
        QuorumLock lock = quorumLock(name, Duration.ofSeconds(10));

        long started = System.nanoTime();
        assertThat(lock.tryAcquire(deadlineIn(Duration.ofSeconds(1)), Duration.ofMillis(100))).isFalse();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        RLock first = masters.get(0).getLock(name);
        assertThat(first.isLocked()).as("the master it had taken is free again").isFalse();
        assertThat(tookMs).as("two masters waited for at most 100 ms each").isLessThan(1_000);
    }

    @Test
    void aLeaseShorterThanTheRound_isNotValid() {
        String name = someName();
        QuorumLock lock = quorumLock(name, Duration.ofMillis(2));

        assertThat(lock.tryAcquire(deadlineIn(Duration.ofSeconds(1)), Duration.ofMillis(100))).isFalse();
        assertThat(lockedOn(name, 0) || lockedOn(name, 1) || lockedOn(name, 2)).isFalse();
    }

    @Test
    void aLockThatExpiredBeforeItsRelease_isHeldNowhere() throws InterruptedException {
        String name = someName();
        QuorumLock lock = quorumLock(name, Duration.ofMillis(300));
        assertThat(lock.tryAcquire(deadlineIn(Duration.ofSeconds(1)), Duration.ofMillis(100))).isTrue();

        Thread.sleep(600);

        assertThat(lock.release()).isZero();
    }
}

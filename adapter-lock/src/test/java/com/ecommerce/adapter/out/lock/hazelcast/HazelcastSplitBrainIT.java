package com.ecommerce.adapter.out.lock.hazelcast;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A split brain and its healing. Two members of one cluster name start apart: the first lists the second's address,
 * the second lists only its own, so each forms a cluster of one, as the two sides of a network partition do. Each
 * half grants the same key to a holder of its own, at the same time. Then the first half's master, looking for
 * clusters of its name among its listed members, finds the second and the two merge: the merging half's lock state is
 * dropped, so its holder's release finds the lock no longer its own and counts it lost. The version check is what
 * keeps the data right meanwhile (bootstrap's {@code HazelcastSplitBrainIT}).
 */
class HazelcastSplitBrainIT {

    private static final LockKeys KEY = LockKeys.of(LockKey.point(42));

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void shutdown() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void twoHalvesGrantTheSameKey_andOnceMerged_theMergingHalfsHolderCountsItsLockLost() throws Exception {
        String cluster = "ecommerce-test-" + UUID.randomUUID();
        int first = TestHazelcast.freePorts(2);
        int second = first + 1;
        HazelcastInstance one = start(cluster, first, List.of(TestHazelcast.HOST + ":" + first,
                TestHazelcast.HOST + ":" + second));
        HazelcastInstance other = start(cluster, second, List.of(TestHazelcast.HOST + ":" + second));
        assertThat(one.getCluster().getMembers()).hasSize(1);
        assertThat(other.getCluster().getMembers()).hasSize(1);
        SimpleMeterRegistry oneMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch merged = new CountDownLatch(1);

        List<CompletableFuture<Void>> holders = List.of(
                hold(new HazelcastLockAdapter(one, Duration.ofSeconds(60), metrics(oneMeters)), bothInside, merged),
                hold(new HazelcastLockAdapter(other, Duration.ofSeconds(60), metrics(otherMeters)), bothInside,
                        merged));
        assertThat(bothInside.await(30, TimeUnit.SECONDS)).as("both halves granted the key at once").isTrue();
        long splitAt = System.nanoTime();
        while (one.getCluster().getMembers().size() < 2 || other.getCluster().getMembers().size() < 2) {
            assertThat(System.nanoTime() - splitAt).as("ns until the halves merged")
                    .isLessThan(TimeUnit.SECONDS.toNanos(HazelcastMembers.MERGE_CHECK_SECONDS * 4L));
            Thread.sleep(20);
        }
        System.out.printf("[split-brain] the halves merged %d ms after both had granted the key%n",
                (System.nanoTime() - splitAt) / 1_000_000);
        merged.countDown();
        for (CompletableFuture<Void> holder : holders) {
            holder.get(30, TimeUnit.SECONDS);
        }

        assertThat(lost(oneMeters) + lost(otherMeters)).as("holders whose lock the merge dropped").isEqualTo(1);
    }

    private HazelcastInstance start(String cluster, int port, List<String> listed) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastMembers.config(cluster, port, 1, listed));
        members.add(member);
        return member;
    }

    private static CompletableFuture<Void> hold(HazelcastLockAdapter adapter, CountDownLatch bothInside,
                                                CountDownLatch merged) {
        return CompletableFuture.runAsync(() -> adapter.withLocks(KEY, Deadline.after(Duration.ofSeconds(5)), () -> {
            bothInside.countDown();
            try {
                return merged.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }), task -> Thread.ofPlatform().start(task));
    }

    private static LockMetrics metrics(SimpleMeterRegistry meters) {
        return new LockMetrics(meters, "hazelcast");
    }

    private static double lost(SimpleMeterRegistry meters) {
        return meters.get("ecommerce.lock.failures").tag("reason", "lost").counter().count();
    }
}

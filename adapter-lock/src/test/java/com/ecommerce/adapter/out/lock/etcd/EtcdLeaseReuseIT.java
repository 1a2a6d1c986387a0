package com.ecommerce.adapter.out.lock.etcd;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.LeaseOption;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter reuses a released lease while it is in the first third of its life, so that a warm acquisition costs a
 * transaction that puts its keys and one that deletes them rather than a grant, that put and a revoke; and it never hands out an older one. Read
 * on the server: the lease each held lock key is attached to, and whether a lease still exists.
 */
class EtcdLeaseReuseIT {

    private static final String PREFIX = "/ecommerce/locks/";

    private static LockKey someKey() {
        return LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
    }

    private static EtcdLockAdapter adapter(Client client, Duration lease) {
        return new EtcdLockAdapter(client, PREFIX, lease, new LockMetrics(new SimpleMeterRegistry(), "etcd"));
    }

    /** The leases of {@code keys}' lock keys held right now, read from etcd. */
    private static Set<Long> leasesHeld(Client client, LockKeys keys) {
        List<Long> leases = new ArrayList<>();
        for (LockKey key : keys) {
            ByteSequence name = ByteSequence.from(PREFIX + key.asString(), StandardCharsets.UTF_8);
            try {
                List<KeyValue> held = client.getKVClient().get(name).get(5, TimeUnit.SECONDS).getKvs();
                assertThat(held).as("lock key %s while it is held", name).hasSize(1);
                leases.add(held.getFirst().getLease());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return Set.copyOf(leases);
    }

    private static long ttlOf(Client client, long lease) throws Exception {
        return client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getTTL();
    }

    @Test
    void acquisitionsOneAfterAnother_holdTheirKeysOnOneLease_andReleaseLeavesNoKey() throws Exception {
        try (Client client = TestEtcd.client()) {
            EtcdLockAdapter lock = adapter(client, Duration.ofSeconds(10));
            List<Long> leases = new ArrayList<>();
            List<LockKeys> acquired = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LockKeys keys = i % 2 == 0 ? LockKeys.of(someKey()) : LockKeys.of(someKey(), someKey(), someKey());
                Set<Long> held = lock.withLocks(keys, Deadline.after(Duration.ofSeconds(5)),
                        () -> leasesHeld(client, keys));
                assertThat(held).as("the leases of one acquisition's keys").hasSize(1);
                leases.add(held.iterator().next());
                acquired.add(keys);
            }
            assertThat(Set.copyOf(leases)).as("the leases of 20 acquisitions one after another").hasSize(1);
            for (LockKeys keys : acquired) {
                for (LockKey key : keys) {
                    ByteSequence name = ByteSequence.from(PREFIX + key.asString(), StandardCharsets.UTF_8);
                    assertThat(client.getKVClient().get(name).get(5, TimeUnit.SECONDS).getKvs())
                            .as("lock key %s after release", name).isEmpty();
                }
            }
            assertThat(ttlOf(client, leases.getFirst())).as("the idle lease's time to live").isPositive();
        }
    }

    @Test
    void aLeasePastTheFirstThirdOfItsLife_isRevokedAndNotHandedOut() throws Exception {
        Duration lease = Duration.ofSeconds(6);
        try (Client client = TestEtcd.client()) {
            EtcdLockAdapter lock = adapter(client, lease);
            LockKeys first = LockKeys.of(someKey());
            long firstLease = lock.withLocks(first, Deadline.after(Duration.ofSeconds(5)),
                    () -> leasesHeld(client, first)).iterator().next();
            Thread.sleep(lease.dividedBy(3).toMillis() + 100);
            LockKeys second = LockKeys.of(someKey());
            long secondLease = lock.withLocks(second, Deadline.after(Duration.ofSeconds(5)),
                    () -> leasesHeld(client, second)).iterator().next();
            assertThat(secondLease).as("the lease after the first third of the first one's life").isNotEqualTo(firstLease);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (ttlOf(client, firstLease) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ttlOf(client, firstLease)).as("the first lease's time to live once it was too old to reuse")
                    .isNegative();
        }
    }
}

package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.etcd.EtcdLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.EtcdProcess;
import com.ecommerce.adapter.out.lock.testing.TestEtcd;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lock-etcd} with etcd stopped while a holder is inside its work, on an etcd of this test's own
 * ({@link EtcdProcess}). Requests during the outage answer {@code LOCK_UNAVAILABLE} within their wait instead of
 * hanging in jetcd's retries. etcd then comes back empty (its data lost, as a replaced member without a snapshot
 * would be): the holder's lease is gone, another instance takes the lock and commits, and the holder's late write is
 * refused by the version check; its release finds the lease gone and counts a lost lock. The balance is exact.
 */
class EtcdOutageIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(2);
    /** A request during the outage ends at its wait; this is the machine's lateness allowed on top. */
    private static final Duration LATE_BY_AT_MOST = Duration.ofMillis(1_500);

    @Autowired
    TransactionPort transactions;
    @Autowired
    PointStorePort points;

    @Test
    void etcdStoppedMidHold_answersUnavailableWithinTheWait_andALockLostWithItsDataIsFenced() throws Exception {
        long userId = api.newUser("etcd-outage");
        LockKeys key = LockKeys.of(LockKey.point(userId));
        long opening = points.findPoint(userId).orElseThrow().balance();
        try (EtcdProcess etcd = TestEtcd.process();
             Client holderClient = client(etcd);
             Client otherClient = client(etcd)) {
            SimpleMeterRegistry holderMeters = new SimpleMeterRegistry();
            EtcdLockAdapter holder = new EtcdLockAdapter(holderClient, "/ecommerce/locks/", Duration.ofSeconds(10),
                    new LockMetrics(holderMeters, "etcd"));
            EtcdLockAdapter other = new EtcdLockAdapter(otherClient, "/ecommerce/locks/", Duration.ofSeconds(10),
                    new LockMetrics(new SimpleMeterRegistry(), "etcd"));
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> holder.withLocks(key,
                    Deadline.after(WAIT), () -> transactions.inTransaction(() -> {
                        Point point = points.findPoint(userId).orElseThrow();
                        point.charge(100);
                        read.countDown();
                        await(resume);
                        points.updatePoint(point);
                        return null;
                    })));
            assertThat(read.await(10, TimeUnit.SECONDS)).as("the holder read its balance under the lock").isTrue();

            etcd.stop();
            List<Long> outageMs = new ArrayList<>();
            for (LockKeys asked : List.of(key, LockKeys.of(LockKey.point(userId + 1_000_000)))) {
                long started = System.nanoTime();
                try {
                    other.withLocks(asked, Deadline.after(WAIT), () -> null);
                    throw new AssertionError("a lock was granted while etcd was stopped");
                } catch (LockUnavailableException expected) {
                    outageMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            }
            assertThat(outageMs).as("requests during the outage end in LOCK_UNAVAILABLE at their wait of %d ms",
                    WAIT.toMillis()).allMatch(ms -> ms >= WAIT.toMillis() - 50
                    && ms <= WAIT.plus(LATE_BY_AT_MOST).toMillis());

            etcd.wipe();
            etcd.start();
            long back = System.nanoTime();
            int unavailableAfterRestart = 0;
            while (true) {
                try {
                    other.withLocks(key, Deadline.after(WAIT), () -> transactions.inTransaction(() -> {
                        Point point = points.findPoint(userId).orElseThrow();
                        point.charge(7);
                        points.updatePoint(point);
                        return null;
                    }));
                    break;
                } catch (LockUnavailableException reconnecting) {
                    unavailableAfterRestart++;
                    assertThat(Duration.ofNanos(System.nanoTime() - back)).as("the other instance reconnects")
                            .isLessThan(Duration.ofSeconds(30));
                }
            }
            long otherInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            assertThat(late).as("the holder, stalled inside its work, while the other instance took its lost lock")
                    .isNotDone();

            // the holder's client answers again before it resumes, so that its release reaches the empty etcd
            holderClient.getKVClient().get(ByteSequence.from("/ecommerce/locks/", StandardCharsets.UTF_8))
                    .get(30, TimeUnit.SECONDS);
            resume.countDown();
            try {
                late.get(30, TimeUnit.SECONDS);
                throw new AssertionError("the holder's late write, based on a stale read, was accepted");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConcurrentUpdateException.class);
            }
            assertThat(points.findPoint(userId).orElseThrow().balance()).as("the other's charge, none of the holder's")
                    .isEqualTo(opening + 7);
            assertThat(holderMeters.find("ecommerce.lock.failures").tag("reason", "lost").counter().count())
                    .as("the holder's lost lock, counted at its release").isEqualTo(1);
            System.out.printf("[etcd] stopped mid-hold: requests answered LOCK_UNAVAILABLE after %s ms (wait %d ms); "
                            + "restarted empty: the other instance held the lost lock %d ms later (%d LOCK_UNAVAILABLE "
                            + "while reconnecting); the holder's write refused, its lost lock counted%n",
                    outageMs, WAIT.toMillis(), otherInMs, unavailableAfterRestart);
        }
    }

    private static Client client(EtcdProcess etcd) {
        return Client.builder().endpoints(etcd.endpoint()).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

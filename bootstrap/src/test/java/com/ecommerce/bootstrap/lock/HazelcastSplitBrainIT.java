package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.bootstrap.lock.LockParties.Party;
import com.ecommerce.bootstrap.lock.LockParties.Step;
import com.ecommerce.bootstrap.support.FaultInjection;
import com.ecommerce.bootstrap.support.FaultInjection.Pause;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lock-hazelcast} split in two: the other instance's member has the cluster's name but cannot reach this
 * instance's (as on either side of a network partition), so each half grants the same key. The first party takes
 * the balance's lock here and stalls after its read; the second, in the other half, is granted the same lock at once
 * and commits while the first still holds it, lease and member intact. Neither holder can tell (no lock is counted
 * lost); the version check alone refuses the first's stale write, and the balance is exact.
 */
@ActiveProfiles("lock-hazelcast")
@TestPropertySource(properties = {LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
@Import(FaultInjection.class)
class HazelcastSplitBrainIT extends IntegrationTest {

    @Autowired
    LockStrategy strategy;
    @Autowired
    LockProperties properties;
    @Autowired
    HazelcastInstance lockHazelcast;
    @Autowired
    ChargePointUseCase chargePoint;
    @Autowired
    MeterRegistry meters;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HazelcastInstance otherHalf;
    private LockParties parties;

    @BeforeEach
    void splitInTwo() {
        otherHalf = TestHazelcast.memberApart(properties.hazelcast());
        parties = new LockParties(strategy, new HazelcastLockAdapter(otherHalf, properties.leaseTime(),
                new LockMetrics(new SimpleMeterRegistry(), strategy.strategy().id())));
        FaultInjection.LOCKS.set(parties);
    }

    @AfterEach
    void clear() {
        FaultInjection.LOCKS.set(null);
        FaultInjection.PAUSE.set(null);
        threads.shutdownNow();
        otherHalf.shutdown();
    }

    @Test
    void bothHalvesGrantTheSameLock_andTheVersionCheckRefusesTheStaleWrite() throws Exception {
        long userId = api.newUserWithBalance(1_000);
        double lostBefore = lostLocks();
        Pause pause = Pause.afterBalanceLoad(userId, LeaseExpiryTest.STALL_AT_MOST);
        FaultInjection.PAUSE.set(pause);

        CompletableFuture<Object> first = CompletableFuture.supplyAsync(LockParties.as(Party.FIRST,
                () -> chargePoint.charge(ADMIN, new ChargePointCommand(userId, 100, null))), threads);
        assertThat(pause.reached.await(10, TimeUnit.SECONDS)).as("the first party stalled inside its work").isTrue();
        assertThat(lockHazelcast.getCluster().getMembers()).as("this half's members").hasSize(1);
        CompletableFuture.supplyAsync(LockParties.as(Party.SECOND,
                () -> chargePoint.charge(ADMIN, new ChargePointCommand(userId, 200, null))), threads)
                .get(30, TimeUnit.SECONDS);
        long secondAcquiredMs = parties.ms(Party.SECOND, Step.ACQUIRED);
        assertThat(pause.holding()).as("the first party still inside its work").isTrue();
        assertThat(parties.before(Party.SECOND, Step.RELEASED, Party.FIRST, Step.WORK_OVER)).isTrue();
        assertThat(Duration.ofMillis(secondAcquiredMs)).as("the second got the lock within the first's lease")
                .isLessThan(properties.leaseTime());
        pause.resume();

        assertThatThrownBy(() -> {
            try {
                first.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE));
        System.out.printf("[split-brain] the first held the lock from %d ms; the other half granted it to the second "
                + "at %d ms; the first was refused CONCURRENT_UPDATE%n", parties.ms(Party.FIRST, Step.ACQUIRED),
                secondAcquiredMs);
        assertThat(jdbc.queryForObject("select balance from point_balance where user_id = ?", Long.class, userId))
                .isEqualTo(1_200);
        assertThat(jdbc.queryForList("select amount from point_history where user_id = ? order by id", Long.class,
                userId)).as("the opening charge and the second party's; nothing of the first's")
                .containsExactly(1_000L, 200L);
        assertThat(lostLocks()).as("locks counted lost: the first still held its own, in its half")
                .isEqualTo(lostBefore);
    }

    private double lostLocks() {
        var counter = meters.find("ecommerce.lock.failures").tag("strategy", strategy.strategy().id())
                .tag("reason", "lost").counter();
        return counter == null ? 0 : counter.count();
    }
}

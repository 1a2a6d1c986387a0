package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.ecommerce.bootstrap.lock.LockParties.Party;
import com.ecommerce.bootstrap.lock.LockParties.Step;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.util.concurrent.TimeUnit;

/**
 * {@code lock-hazelcast} when the holder's member dies: the stalled holder's member is terminated (no goodbye to the
 * cluster, as when its process is killed) while another instance's member waits for the same key. The cluster
 * removes the silent member after its heartbeat timeout and frees the locks it held, well inside their 10 s lease;
 * the waiting instance then takes the lock, and the version check refuses the dead holder's late write. Each test
 * kills its context's member, so each gets a context (and a cluster) of its own.
 */
@ActiveProfiles("lock-hazelcast")
@TestPropertySource(properties = {LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class HazelcastMemberLossIT extends LeaseExpiryTest {

    /** Time for the waiting party's lock request to reach the cluster after it asked. */
    private static final long REQUEST_IN_FLIGHT_MS = 200;
    /**
     * After removing a member the cluster promotes the backups of the partitions it owned and frees its locks there,
     * and a lock request parked on the dead member is sent again after the 100 ms invocation retry pause: the lock is
     * free some time after the removal is seen, measured 1 to 330 ms on 2 shared cores.
     */
    private static final long REPAIR_MS = 500;

    @Autowired
    HazelcastInstance lockHazelcast;
    private HazelcastInstance anotherMember;

    /** The first instance's member was terminated: it takes no lock again. */
    @Override
    protected boolean theFirstInstanceLocksAgain() {
        return false;
    }

    @Override
    protected AnotherInstance anotherInstance() {
        anotherMember = TestHazelcast.memberJoining(properties.hazelcast());
        return new AnotherInstance(new HazelcastLockAdapter(anotherMember, properties.leaseTime(),
                metricsOfAnotherInstance()), anotherMember::shutdown);
    }

    /**
     * Once the second party waits for the lock, terminates the first's member; the lock is free once the other member
     * has removed it from the cluster (seen by polling its member list) and repaired the partitions it owned.
     */
    @Override
    protected LockLoss loseTheFirstHoldersLock(LockParties parties) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!parties.reached(Party.SECOND, Step.ASKED)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the second party never asked for the lock");
                }
                Thread.sleep(5);
            }
            Thread.sleep(REQUEST_IN_FLIGHT_MS);
            if (parties.reached(Party.SECOND, Step.ACQUIRED)) {
                throw new AssertionError("the second party got the lock while the first still held it");
            }
            long killedMs = parties.nowMs();
            lockHazelcast.getLifecycleService().terminate();
            while (anotherMember.getCluster().getMembers().size() > 1) {
                if (System.nanoTime() > deadline + TimeUnit.SECONDS.toNanos(20)) {
                    throw new AssertionError("the cluster did not remove the terminated member within 30 s");
                }
                Thread.sleep(5);
            }
            long removedMs = parties.nowMs();
            System.out.printf("[member-loss] the holder's member terminated at %d ms, removed from the cluster at %d "
                    + "ms (%d ms later)%n", killedMs, removedMs, removedMs - killedMs);
            return new LockLoss("its member was terminated, removed from the cluster at " + removedMs + " ms and its "
                    + "partitions repaired", killedMs, removedMs + REPAIR_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

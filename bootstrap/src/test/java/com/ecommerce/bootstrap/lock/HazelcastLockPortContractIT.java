package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code lock-hazelcast}, its second instance a second member of the context's cluster, started once for the class
 * (a member takes about half a second to join).
 */
@ActiveProfiles("lock-hazelcast")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class HazelcastLockPortContractIT extends LockPortContractTest {

    private static HazelcastInstance secondMember;

    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        if (secondMember == null) {
            secondMember = TestHazelcast.memberJoining(properties.hazelcast());
        }
        return SecondInstance.of(LockStrategyName.HAZELCAST, properties, metrics -> new HazelcastLockAdapter(
                secondMember, properties.leaseTime(), metrics));
    }

    @AfterAll
    static void leave() {
        if (secondMember != null) {
            secondMember.shutdown();
            secondMember = null;
        }
    }
}

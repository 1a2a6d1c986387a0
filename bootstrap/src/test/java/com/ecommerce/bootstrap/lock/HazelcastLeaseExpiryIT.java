package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.testing.TestHazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@code lock-hazelcast}: the other instance is a second member of the context's cluster. */
@ActiveProfiles("lock-hazelcast")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class HazelcastLeaseExpiryIT extends LeaseExpiryTest {

    @Override
    protected AnotherInstance anotherInstance() {
        HazelcastInstance member = TestHazelcast.memberJoining(properties.hazelcast());
        return new AnotherInstance(new HazelcastLockAdapter(member, properties.leaseTime(), metricsOfAnotherInstance()),
                member::shutdown);
    }
}

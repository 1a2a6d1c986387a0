package com.ecommerce.adapter.out.lock.hazelcast;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-hazelcast} on three embedded members of one cluster, as three instances would run it, and three more
 * members in another process that join the same cluster.
 */
class HazelcastLockAdapterContractIT extends LockStrategyContractTest {

    HazelcastLockAdapterContractIT() {
        super(StrategyUnderTest.HAZELCAST, Breakage.NONE);
    }
}

package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * The local queue in front of {@code lock-redis}, on three instances and three more in another process: within one
 * instance the queue excludes, between them only Redis does, so the contract holds only if the queue hands each
 * request on to the shared lock intact.
 */
class LocallyQueuedLockAdapterContractIT extends LockStrategyContractTest {

    LocallyQueuedLockAdapterContractIT() {
        super(StrategyUnderTest.QUEUED_REDIS, Breakage.NONE);
    }
}

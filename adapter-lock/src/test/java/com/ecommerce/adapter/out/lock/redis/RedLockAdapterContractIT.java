package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-redlock} over three independent Redis masters, from three sets of clients as three instances would, and
 * three more in another process.
 */
class RedLockAdapterContractIT extends LockStrategyContractTest {

    RedLockAdapterContractIT() {
        super(StrategyUnderTest.REDLOCK, Breakage.NONE);
    }
}

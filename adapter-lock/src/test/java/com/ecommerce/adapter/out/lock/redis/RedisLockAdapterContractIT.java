package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-redis} on the real Redis, from three clients as three instances would, and three more in another
 * process.
 */
class RedisLockAdapterContractIT extends LockStrategyContractTest {

    RedisLockAdapterContractIT() {
        super(StrategyUnderTest.REDIS, Breakage.NONE);
    }
}

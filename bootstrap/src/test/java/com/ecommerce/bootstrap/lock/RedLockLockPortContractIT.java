package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedLockNodes;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@code lock-redlock}, its second instance on the same three masters. */
@ActiveProfiles("lock-redlock")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class RedLockLockPortContractIT extends LockPortContractTest {

    @Autowired
    RedLockNodes nodes;
    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        return SecondInstance.of(LockStrategyName.REDLOCK, properties,
                metrics -> new RedLockAdapter(nodes.clients(), properties.leaseTime(), metrics));
    }
}

package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@code lock-redis}, its second instance on the same Redis. */
@ActiveProfiles("lock-redis")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class RedisLockPortContractIT extends LockPortContractTest {

    @Autowired
    RedissonClient lockRedisson;
    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        return SecondInstance.of(LockStrategyName.REDIS, properties,
                metrics -> new RedisLockAdapter(lockRedisson, properties.leaseTime(), metrics));
    }
}

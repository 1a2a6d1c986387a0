package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import org.redisson.api.RedissonClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-redis")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class RedisLeaseExpiryIT extends LeaseExpiryTest {

    @Override
    protected AnotherInstance anotherInstance() {
        RedissonClient redisson = RedissonClients.create(properties.redis().address(), properties.redis());
        return new AnotherInstance(new RedisLockAdapter(redisson, properties.leaseTime(), metricsOfAnotherInstance()),
                redisson::shutdown);
    }
}

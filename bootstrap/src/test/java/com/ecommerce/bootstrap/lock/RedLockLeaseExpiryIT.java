package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import org.redisson.api.RedissonClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

@ActiveProfiles("lock-redlock")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class RedLockLeaseExpiryIT extends LeaseExpiryTest {

    @Override
    protected AnotherInstance anotherInstance() {
        List<RedissonClient> masters = properties.redis().redlockMasters().stream()
                .map(address -> RedissonClients.create(address, properties.redis())).toList();
        return new AnotherInstance(new RedLockAdapter(masters, properties.leaseTime(), metricsOfAnotherInstance()),
                () -> masters.forEach(RedissonClient::shutdown));
    }
}

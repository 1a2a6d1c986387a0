package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-redis")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE})
class RedisLeaseExpiryIT extends LeaseExpiryTest {
}

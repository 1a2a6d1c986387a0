package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-redlock")
@TestPropertySource(properties = LeaseExpiryTest.SHORT_LEASE)
class RedLockLeaseExpiryIT extends LeaseExpiryTest {
}

package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-redlock")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE})
class RedLockLeaseExpiryIT extends LeaseExpiryTest {
}

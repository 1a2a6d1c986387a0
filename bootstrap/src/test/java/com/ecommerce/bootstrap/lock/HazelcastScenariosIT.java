package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-hazelcast")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class HazelcastScenariosIT extends ConcurrencyScenariosTest {
}

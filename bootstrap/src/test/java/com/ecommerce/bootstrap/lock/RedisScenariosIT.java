package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-redis")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class RedisScenariosIT extends ConcurrencyScenariosTest {
}

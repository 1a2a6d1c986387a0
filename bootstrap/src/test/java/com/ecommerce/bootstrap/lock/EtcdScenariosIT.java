package com.ecommerce.bootstrap.lock;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

@ActiveProfiles("lock-etcd")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class EtcdScenariosIT extends ConcurrencyScenariosTest {
}

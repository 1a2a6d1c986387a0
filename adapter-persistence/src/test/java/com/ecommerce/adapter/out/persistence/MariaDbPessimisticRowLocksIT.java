package com.ecommerce.adapter.out.persistence;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link PessimisticRowLocksContractTest} on the database and dialect of the MariaDB store contract tests
 * ({@link MariaDbContractDatabase}). A global JPA lock timeout of 3 s is set on purpose: MariaDB's dialect would
 * render it as {@code for update wait 3}, and the test shows that the locking select carries no wait of its own, so
 * the session's one second is what applies.
 */
@TestPropertySource(properties = "spring.jpa.properties.jakarta.persistence.lock.timeout=3000")
@ContextConfiguration(initializers = MariaDbContractDatabase.class)
class MariaDbPessimisticRowLocksIT extends PessimisticRowLocksContractTest {

    @Override
    protected String oneSecondWaitStatement() {
        return "SET SESSION innodb_lock_wait_timeout = 1";
    }
}

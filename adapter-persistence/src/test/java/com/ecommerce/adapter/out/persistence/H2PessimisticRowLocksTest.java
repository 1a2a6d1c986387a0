package com.ecommerce.adapter.out.persistence;

import org.springframework.test.context.TestPropertySource;

/** {@link PessimisticRowLocksContractTest} on H2 in MySQL mode, the database bootstrap runs on by default. */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:rowlocks;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class H2PessimisticRowLocksTest extends PessimisticRowLocksContractTest {

    @Override
    protected String oneSecondWaitStatement() {
        return "SET LOCK_TIMEOUT 1000";
    }
}

package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnH2;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotency store contract on the JPA adapter and H2. */
@OnH2
class H2IdempotencyStoreContractTest extends JpaIdempotencyStoreContractTest {

    H2IdempotencyStoreContractTest(Stores stores, JdbcTemplate jdbc) {
        super(stores, jdbc);
    }
}

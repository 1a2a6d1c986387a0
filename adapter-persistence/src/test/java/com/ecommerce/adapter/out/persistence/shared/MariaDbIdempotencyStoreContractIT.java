package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotency store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbIdempotencyStoreContractIT extends JpaIdempotencyStoreContractTest {

    MariaDbIdempotencyStoreContractIT(Stores stores, JdbcTemplate jdbc) {
        super(stores, jdbc);
    }
}

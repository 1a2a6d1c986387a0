package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotency store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbIdempotencyStoreContractIT extends JpaIdempotencyStoreContractTest {

    MariaDbIdempotencyStoreContractIT(Stores stores, JdbcTemplate jdbc) {
        super(stores, jdbc);
    }

    @Override
    protected String sessionIdQuery() {
        return "select connection_id()";
    }

    /** InnoDB reports a transaction waiting for a row lock as {@code LOCK WAIT} (MariaDB and MySQL alike). */
    @Override
    protected boolean waitsForALock(long sessionId) {
        return Boolean.TRUE.equals(jdbc().queryForObject("select count(*) > 0 from information_schema.innodb_trx "
                + "where trx_mysql_thread_id = ? and trx_state = 'LOCK WAIT'", Boolean.class, sessionId));
    }
}

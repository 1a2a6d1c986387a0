package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnH2;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotency store contract on the JPA adapter and H2. */
@OnH2
class H2IdempotencyStoreContractTest extends JpaIdempotencyStoreContractTest {

    H2IdempotencyStoreContractTest(Stores stores, JdbcTemplate jdbc) {
        super(stores, jdbc);
    }

    @Override
    protected String sessionIdQuery() {
        return "select session_id()";
    }

    /** H2 names the session a waiting session waits for ({@code BLOCKER_ID}). */
    @Override
    protected boolean waitsForALock(long sessionId) {
        return Boolean.TRUE.equals(jdbc().queryForObject(
                "select blocker_id is not null from information_schema.sessions where session_id = ?",
                Boolean.class, sessionId));
    }
}

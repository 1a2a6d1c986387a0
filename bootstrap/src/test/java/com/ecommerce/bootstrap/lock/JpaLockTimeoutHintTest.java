package com.ecommerce.bootstrap.lock;

import jakarta.persistence.Timeout;
import org.hibernate.LockMode;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a JPA pessimistic lock with a 3 s timeout hint turns into on the wire, per Hibernate dialect. On MySQL the
 * hint is dropped and InnoDB waits its default 50 s; this is why {@code lock-db} sets
 * {@code innodb_lock_wait_timeout} on the session instead of relying on the hint.
 */
class JpaLockTimeoutHintTest {

    @Test
    void mySqlDialect_dropsTheLockTimeoutHint() {
        String sql = new MySQLDialect().getForUpdateString(LockMode.PESSIMISTIC_WRITE, Timeout.seconds(3));
        assertThat(sql.strip()).isEqualTo("for update");
    }

    @Test
    void mariaDbDialect_rendersItAsWait() {
        String sql = new MariaDBDialect().getForUpdateString(LockMode.PESSIMISTIC_WRITE, Timeout.seconds(3));
        assertThat(sql.strip()).isEqualTo("for update wait 3");
    }
}

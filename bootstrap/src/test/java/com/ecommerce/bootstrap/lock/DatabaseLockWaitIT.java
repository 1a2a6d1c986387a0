package com.ecommerce.bootstrap.lock;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lock-db} against a row held from outside: a raw SQL session takes the row lock, and the adapter must give
 * up after its wait timeout (not after the server default of 50 s), with the wait it set visible on its session.
 */
@ActiveProfiles("lock-db")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class DatabaseLockWaitIT extends IntegrationTest {

    @Autowired
    LockStrategy lockPort;
    @Autowired
    TransactionPort transactions;
    @Autowired
    IdempotencyStorePort idempotencyStore;
    @Autowired
    IdempotencyRetention retention;
    @Autowired
    DataSource dataSource;

    /** As every use case runs: locks, then the transaction, whose first statements lock the rows. */
    private <T> T locked(long userId, Duration wait, Supplier<T> work) {
        return new GuardedUnitOfWork(lockPort, transactions, new Idempotency(idempotencyStore, transactions, retention),
                wait).run(LockKeys.of(LockKey.point(userId)), IdempotentRequest.none(), work);
    }

    @Test
    void aRowHeldFromOutside_endsTheWaitAtTheTimeoutNotAtTheServerDefault() throws Exception {
        long userId = api.newUser("held");
        try (Connection outside = dataSource.getConnection()) {
            outside.setAutoCommit(false);
            try (PreparedStatement hold = outside.prepareStatement(
                    "select user_id from point_balance where user_id = ? for update")) {
                hold.setLong(1, userId);
                hold.executeQuery().close();
            }
            // the first give-up in a JVM also loads its way out, the database error and its translation (up to
            // 440 ms more, once): not the wait measured below
            assertThatThrownBy(() -> locked(userId, Duration.ofMillis(100), () -> "never"))
                    .isInstanceOf(LockTimeoutException.class);
            for (int seconds : new int[]{1, 2}) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> locked(userId, Duration.ofSeconds(seconds), () -> "never")).isInstanceOf(LockTimeoutException.class);
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                // never before the deadline, which starts after this clock; at most the contract's overrun for
                // lock-db after it (the row wait restarts a whole second at the locking select)
                assertThat(waitedMs).as("ms waited for a %d s wait", seconds)
                        .isBetween(seconds * 1_000L, seconds * 1_000L + 500);
                System.out.printf("[db-lock] row held by another session: wait %d s ended after %d ms%n", seconds, waitedMs);
            }
            outside.rollback();
        }
        assertThat(locked(userId, Duration.ofSeconds(1), () -> "free"))
                .isEqualTo("free");
    }

    @Test
    void theSessionCarriesTheWaitThatWasAsked() {
        long userId = api.newUser("session");
        Long sessionWait = locked(userId, Duration.ofMillis(2_500),
                () -> jdbc.queryForObject("select @@SESSION.innodb_lock_wait_timeout", Long.class));
        assertThat(sessionWait).isEqualTo(3);
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.shared.DatabaseUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool and the locks, with the real pool (three connections, a wait of 500 ms), the JVM lock and the database:
 * a write whose pool is all in use lets its locks go while it waits for a connection (another writer of the same
 * key gets the lock meanwhile), goes on when one comes back, and fails with {@code DATABASE_UNAVAILABLE} having
 * changed nothing when none does; a read gets the same answer over HTTP, with {@code Retry-After}.
 */
@ActiveProfiles("lock-jvm")
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=500", "ecommerce.lock.wait-timeout=3s"})
class ConnectionWaitIT extends IntegrationTest {

    private static final LockKeys KEYS = LockKeys.of(LockKey.point(424_242));

    @Autowired
    private DataSource dataSource;
    @Autowired
    private GuardedUnitOfWork unitOfWork;
    @Autowired
    private LockPort lockPort;

    private final List<Connection> taken = new ArrayList<>();

    @AfterEach
    void giveBack() throws SQLException {
        for (Connection connection : taken) {
            connection.close();
        }
        taken.clear();
    }

    @Test
    void aWriteWaitingForTheBusyPool_holdsNoLock_andGoesOnWhenAConnectionComesBack() throws Exception {
        takeEveryConnection();
        AtomicInteger runs = new AtomicInteger();

        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(
                () -> unitOfWork.run(KEYS, IdempotentRequest.none(), () -> jdbc.queryForObject("select 1",
                        Integer.class) + runs.incrementAndGet()));
        Thread.sleep(150);

        assertThat(write).as("waiting for a connection").isNotDone();
        String meanwhile = lockPort.withLocks(KEYS, Deadline.after(Duration.ofMillis(100)), () -> "granted");
        assertThat(meanwhile).as("the waiting write let its lock go").isEqualTo("granted");

        taken.removeFirst().close();
        assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(runs).as("the work ran once, on the connection that came back").hasValue(1);
    }

    @Test
    void aWriteThatGetsNoConnectionWithinTheWait_failsDatabaseUnavailable_havingRunNothing() throws Exception {
        takeEveryConnection();
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> unitOfWork.run(KEYS, IdempotentRequest.none(), runs::incrementAndGet))
                .isInstanceOf(DatabaseUnavailableException.class);

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).as("the pool's wait, not the lock wait").isBetween(400L, 2_500L);
        assertThat(runs).hasValue(0);
        assertThat(lockPort.withLocks(KEYS, Deadline.after(Duration.ofMillis(100)), () -> "granted"))
                .as("nothing left locked").isEqualTo("granted");
    }

    @Test
    void aReadWhileThePoolIsAllInUse_answers503DatabaseUnavailable_withRetryAfter_andChangesNothing()
            throws Exception {
        long itemId = api.newItem(1_000, 5);
        long buyer = api.newUserWithBalance(5_000);
        DbSnapshot before = snapshot();
        takeEveryConnection();

        Response read = api.get("/api/v1/items/" + itemId);
        Response order = api.order(buyer, itemId, 1);

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.code()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(read.header("Retry-After")).isNotBlank();
        assertThat(read.body()).doesNotContain("SQL", "Hikari", "Exception");
        assertThat(order.status()).isEqualTo(503);
        assertThat(order.code()).isEqualTo("DATABASE_UNAVAILABLE");
        giveBack();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.get("/api/v1/items/" + itemId).status()).isEqualTo(200);
    }

    private void takeEveryConnection() throws SQLException {
        for (int i = 0; i < 3; i++) {
            taken.add(dataSource.getConnection());
        }
    }
}

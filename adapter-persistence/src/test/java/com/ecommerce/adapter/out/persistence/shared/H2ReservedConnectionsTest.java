package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.shared.port.out.NoFreeConnectionException;
import com.ecommerce.domain.shared.DatabaseUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReservedConnections} around a real Hikari pool of two connections (H2): a reserved connection is the one
 * every look-up of its thread gets, a transaction included; "free at once" is exact; a pool all in use answers
 * within its wait, as the core's {@code DATABASE_UNAVAILABLE}, however the connection was asked for.
 */
@OnH2
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.connection-timeout=300"})
class H2ReservedConnectionsTest {

    private final ReservedConnections connections;
    private final TransactionAdapter transactions;
    private final JdbcTemplate jdbc;
    private final List<Connection> taken = new ArrayList<>();

    H2ReservedConnectionsTest(DataSource dataSource, TransactionAdapter transactions) throws SQLException {
        this.connections = dataSource.unwrap(ReservedConnections.class);
        this.transactions = transactions;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void giveBack() throws SQLException {
        for (Connection connection : taken) {
            connection.close();
        }
        assertThat(connections.free()).as("every permit back").isEqualTo(2);
    }

    @Test
    void aReservedConnection_isTheOneEveryLookUpOfTheThreadGets_aTransactionIncluded() {
        Connection[] seen = new Connection[3];

        connections.reserve(() -> {
            assertThat(connections.free()).isOne();
            seen[0] = target(jdbc.execute((Connection c) -> c));
            seen[1] = target(jdbc.execute((Connection c) -> c));
            return transactions.inTransaction(() -> {
                seen[2] = target(jdbc.execute((Connection c) -> c));
                assertThat(connections.free()).as("the transaction took no second connection").isOne();
                return null;
            });
        });

        assertThat(seen[1]).isSameAs(seen[0]);
        assertThat(seen[2]).isSameAs(seen[0]);
        assertThat(connections.free()).isEqualTo(2);
    }

    @Test
    void askedForAgainWhileHandedOut_aConnectionOfItsOwnComesFromThePool() {
        connections.reserve(() -> transactions.inTransaction(() -> {
            Connection work = target(jdbc.execute((Connection c) -> c));
            try (Connection apart = connections.getConnection()) {
                assertThat(target(apart)).as("independent of the work's transaction").isNotSameAs(work);
                assertThat(connections.free()).isZero();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
    }

    @Test
    void aFreeConnectionIsTakenAtOnce_andNoneFree_runsNothing() throws SQLException {
        assertThat(connections.reserveFree(() -> jdbc.queryForObject("select 1", Integer.class))).isOne();
        takeAll();
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> connections.reserveFree(runs::incrementAndGet))
                .isInstanceOf(NoFreeConnectionException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).as("at once, not after the wait").isLessThan(200);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aPoolAllInUse_answersWithinItsWait() throws SQLException {
        takeAll();
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> connections.reserve(runs::incrementAndGet))
                .isInstanceOf(DatabaseUnavailableException.class);
        assertThatThrownBy(connections::getConnection).isInstanceOf(DatabaseUnavailableException.class);
        assertThatThrownBy(() -> transactions.readOnly(() -> jdbc.queryForObject("select 1", Integer.class)))
                .isInstanceOf(DatabaseUnavailableException.class);
        assertThat(runs).hasValue(0);

        taken.removeFirst().close();
        assertThat(connections.reserve(() -> jdbc.queryForObject("select 1", Integer.class))).isOne();
    }

    @Test
    void closingAHandedOutConnectionTwice_givesItsPermitBackOnce() throws SQLException {
        Connection connection = connections.getConnection();
        connection.close();
        connection.close();

        assertThat(connections.free()).isEqualTo(2);
    }

    private void takeAll() throws SQLException {
        taken.add(connections.getConnection());
        taken.add(connections.getConnection());
        assertThat(connections.free()).isZero();
    }

    private static Connection target(Connection connection) {
        return connection instanceof ConnectionProxy proxy ? target(proxy.getTargetConnection()) : connection;
    }
}

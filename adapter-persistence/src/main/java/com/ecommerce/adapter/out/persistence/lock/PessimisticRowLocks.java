package com.ecommerce.adapter.out.persistence.lock;

import com.ecommerce.adapter.out.persistence.shared.LockedRows;
import com.ecommerce.domain.lock.LockKey;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The rows behind the lock keys, locked by a locking select ({@code select ... for update}) in the running
 * transaction; its commit or rollback releases them. This is what {@code lock-db} stands on; the strategy itself
 * (key order, the one wait budget, metrics) lives with the other strategies in adapter-lock.
 *
 * <p>The SQL sent, per resource type (here for balances; stock selects {@code item_stock}'s alike), on the
 * transaction's own connection, as plain JDBC statements (one locking select is the same SQL on MySQL, MariaDB and
 * H2, and Hibernate's query machinery cost more CPU than the statement's trip to the database):
 * <ul>
 *     <li>MySQL and MariaDB: {@code SET SESSION innodb_lock_wait_timeout = N} (whole seconds, rounded up, at least
 *     1), then {@code select user_id, balance, version from point_balance where user_id in (?, ?) order by user_id
 *     for update};</li>
 *     <li>H2: {@code SET LOCK_TIMEOUT ms}, then the same select.</li>
 * </ul>
 * The wait is set on the session, the same way on every database, because the lock clause cannot carry it
 * everywhere (MySQL has no {@code for update wait N}; without it a row waits the server default of 50 seconds). A
 * session keeps its wait across transactions (the pool hands the same connection out again, and nothing resets it),
 * so the statement is sent only when the wait differs from the one this class last set on that connection: at the
 * default wait, once per connection, not once per lock. The id list is padded to a power of two (the last id
 * repeated), so that the driver's statement cache sees few shapes, as Hibernate's {@code in_clause_parameter_padding}.
 *
 * <p>The locking select returns what the work is about to read (the row's value and version, no entity) and hands
 * it to the store's next read of the same rows in this transaction ({@link LockedRows}): a locked row cannot change
 * before the commit, so the read would find the same values. A write therefore costs one select per resource type,
 * not two.
 */
public class PessimisticRowLocks {

    private final EntityManager em;
    private final boolean mysqlFamily;
    private final HibernateJpaDialect translator = new HibernateJpaDialect();
    /** The wait last set on each physical connection (weakly held: the pool retires connections), in the unit sent. */
    private final Map<Connection, Long> sessionWaits = Collections.synchronizedMap(new WeakHashMap<>());

    public PessimisticRowLocks(EntityManager em) {
        this.em = em;
        this.mysqlFamily = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect() instanceof MySQLDialect;
    }

    /**
     * Locks the rows of {@code keys} (one resource type, in the global order), waiting at most {@code wait}, in one
     * locking select: InnoDB walks the primary key in ascending order, so the rows are locked in key order, as one
     * by one would (the benchmark's deadlock experiment shows the same for a two-row {@code in}). A row that does not
     * exist locks nothing (the work answers 404 when it reads it). Plain values are read: no entity enters the
     * persistence context, where every later flush would check it.
     *
     * @return false when the rows were not granted within {@code wait}
     */
    public boolean lock(List<LockKey> keys, Duration wait) {
        LockKey.ResourceType type = keys.getFirst().type();
        try {
            List<LockedRows.Row> rows = em.unwrap(Session.class).doReturningWork(connection -> {
                setLockWait(connection, wait);
                return select(connection, type, keys);
            });
            LockedRows.remember(table(type), rows);
            return true;
        } catch (RuntimeException e) {
            DataAccessException translated = translator.translateExceptionIfPossible(e);
            if (translated instanceof PessimisticLockingFailureException) {
                return false;
            }
            throw e;
        }
    }

    private void setLockWait(Connection connection, Duration wait) throws SQLException {
        long value = mysqlFamily ? Math.max(1, (wait.toMillis() + 999) / 1000) : Math.max(1, wait.toMillis());
        Connection physical = connection.unwrap(Connection.class);
        Long current = sessionWaits.get(physical);
        if (current != null && current == value) {
            return;
        }
        // forgotten first: a statement that fails leaves the session's wait unknown
        sessionWaits.remove(physical);
        try (Statement statement = connection.createStatement()) {
            statement.execute(mysqlFamily ? "SET SESSION innodb_lock_wait_timeout = " + value
                    : "SET LOCK_TIMEOUT " + value);
        }
        sessionWaits.put(physical, value);
    }

    private static List<LockedRows.Row> select(Connection connection, LockKey.ResourceType type, List<LockKey> keys)
            throws SQLException {
        int padded = Integer.highestOneBit(keys.size()) == keys.size() ? keys.size()
                : Integer.highestOneBit(keys.size()) << 1;
        String sql = switch (type) {
            case ITEM_STOCK -> "select item_id, quantity, version from item_stock where item_id in (%s) "
                    + "order by item_id for update";
            case POINT -> "select user_id, balance, version from point_balance where user_id in (%s) "
                    + "order by user_id for update";
        };
        try (PreparedStatement select = connection.prepareStatement(
                sql.formatted(String.join(", ", Collections.nCopies(padded, "?"))))) {
            for (int i = 0; i < padded; i++) {
                select.setLong(i + 1, keys.get(Math.min(i, keys.size() - 1)).id());
            }
            List<LockedRows.Row> rows = new ArrayList<>(keys.size());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new LockedRows.Row(result.getLong(1), result.getLong(2), result.getLong(3)));
                }
            }
            return rows;
        }
    }

    private static LockedRows.Table table(LockKey.ResourceType type) {
        return switch (type) {
            case ITEM_STOCK -> LockedRows.Table.ITEM_STOCK;
            case POINT -> LockedRows.Table.POINT_BALANCE;
        };
    }
}

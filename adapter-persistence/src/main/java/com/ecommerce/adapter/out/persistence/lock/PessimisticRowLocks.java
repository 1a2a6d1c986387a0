package com.ecommerce.adapter.out.persistence.lock;

import com.ecommerce.adapter.out.persistence.shared.LockedRows;
import com.ecommerce.domain.lock.LockKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.hibernate.Timeouts;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.SelectionQuery;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

import java.sql.Connection;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The rows behind the lock keys, locked with JPA's {@link LockModeType#PESSIMISTIC_WRITE} in the running
 * transaction; its commit or rollback releases them. This is what {@code lock-db} stands on; the strategy itself
 * (key order, the one wait budget, metrics) lives with the other strategies in adapter-lock.
 *
 * <p>The SQL sent, per resource type (here for balances; stock selects {@code item_stock}'s alike, {@code a} is
 * Hibernate's alias):
 * <ul>
 *     <li>MariaDB ({@code MariaDBDialect}): {@code SET SESSION innodb_lock_wait_timeout = N} (whole seconds,
 *     rounded up, at least 1), then {@code select a.user_id, a.balance, a.version from point_balance a where
 *     a.user_id in (?,?) order by a.user_id for update};</li>
 *     <li>MySQL ({@code MySQLDialect}): the same, where the dialect may name the alias ({@code for update of a});</li>
 *     <li>H2: {@code SET LOCK_TIMEOUT ms}, then the same select.</li>
 * </ul>
 * The wait is set on the session, the same way on every database, because the lock clause cannot carry it
 * everywhere: Hibernate's MySQL dialect drops the JPA lock timeout and sends a plain {@code for update}, which would
 * wait the server default of 50 seconds. The query's own lock timeout is pinned to "no clause"
 * ({@link Timeouts#WAIT_FOREVER}), so that MariaDB's dialect, which would render a timeout as
 * {@code for update wait N}, never adds a second wait, from a global {@code jakarta.persistence.lock.timeout} or
 * otherwise: the session's wait is the one that applies. A session keeps its wait across transactions (the pool
 * hands the same connection out again, and nothing resets it), so the statement is sent only when the wait differs
 * from the one this class last set on that connection: at the default wait, once per connection, not once per lock.
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
     * locking select of their ids: InnoDB walks the primary key in ascending order, so the rows are locked in key
     * order, as one by one would (the benchmark's deadlock experiment shows the same for a two-row {@code in}). A
     * row that does not exist locks nothing (the work answers 404 when it reads it). Plain values are selected: no
     * entity enters the persistence context, where every later flush would check it.
     *
     * @return false when the rows were not granted within {@code wait}
     */
    public boolean lock(List<LockKey> keys, Duration wait) {
        setLockWait(wait);
        LockKey.ResourceType type = keys.getFirst().type();
        try {
            SelectionQuery<LockedRows.Row> rows = em.createQuery(rowsOf(type), LockedRows.Row.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .unwrap(SelectionQuery.class);
            rows.getLockOptions().setTimeout(Timeouts.WAIT_FOREVER);
            LockedRows.remember(table(type), rows.setParameterList("ids", keys.stream().map(LockKey::id).toList())
                    .getResultList());
            return true;
        } catch (RuntimeException e) {
            DataAccessException translated = translator.translateExceptionIfPossible(e);
            if (translated instanceof PessimisticLockingFailureException) {
                return false;
            }
            throw e;
        }
    }

    private void setLockWait(Duration wait) {
        long value = mysqlFamily ? Math.max(1, (wait.toMillis() + 999) / 1000) : Math.max(1, wait.toMillis());
        Connection connection = em.unwrap(Session.class).doReturningWork(jdbc -> jdbc.unwrap(Connection.class));
        Long current = sessionWaits.get(connection);
        if (current != null && current == value) {
            return;
        }
        // forgotten first: a statement that fails leaves the session's wait unknown
        sessionWaits.remove(connection);
        em.createNativeQuery(mysqlFamily ? "SET SESSION innodb_lock_wait_timeout = " + value
                : "SET LOCK_TIMEOUT " + value).executeUpdate();
        sessionWaits.put(connection, value);
    }

    private static LockedRows.Table table(LockKey.ResourceType type) {
        return switch (type) {
            case ITEM_STOCK -> LockedRows.Table.ITEM_STOCK;
            case POINT -> LockedRows.Table.POINT_BALANCE;
        };
    }

    private static String rowsOf(LockKey.ResourceType type) {
        return switch (type) {
            case ITEM_STOCK -> "select s.itemId, s.quantity, s.version from ItemStock s where s.itemId in :ids "
                    + "order by s.itemId";
            case POINT -> "select p.userId, p.balance, p.version from PointBalance p where p.userId in :ids "
                    + "order by p.userId";
        };
    }
}

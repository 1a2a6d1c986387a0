package com.ecommerce.adapter.out.persistence.lock;

import com.ecommerce.domain.lock.LockKey;
import jakarta.persistence.EntityManager;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

import java.time.Duration;
import java.util.List;

/**
 * The rows behind the lock keys, locked by {@code select ... for update} in the running transaction; its commit or rollback releases them. This is what {@code lock-db} stands on;
 * the strategy itself (key order, the one wait budget, metrics) lives with the other strategies in adapter-lock.
 *
 * <p>The wait is set per statement for the session: MySQL and MariaDB take {@code innodb_lock_wait_timeout} (whole
 * seconds, rounded up, at least 1), H2 takes {@code LOCK_TIMEOUT} (milliseconds). The JPA hint
 * {@code jakarta.persistence.lock.timeout} is not used: Hibernate's MySQL dialect drops it and sends a plain
 * {@code for update}, which would wait the server default of 50 seconds.
 */
public class PessimisticRowLocks {

    private final EntityManager em;
    private final boolean mysqlFamily;
    private final HibernateJpaDialect translator = new HibernateJpaDialect();

    public PessimisticRowLocks(EntityManager em) {
        this.em = em;
        this.mysqlFamily = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect() instanceof MySQLDialect;
    }

    /**
     * Locks the rows of {@code keys} (one resource type, in the global order), waiting at most {@code wait}, in one
     * {@code select ... for update} of their ids: InnoDB walks the primary key in ascending order, so the rows are
     * locked in key order, as one by one would (the benchmark's deadlock experiment shows the same for a two-row
     * {@code in}). A row that does not exist locks nothing (the work answers 404 when it reads it). Only the ids are
     * selected: no entity enters the persistence context, where every later flush would check it.
     *
     * @return false when the rows were not granted within {@code wait}
     */
    public boolean lock(List<LockKey> keys, Duration wait) {
        setLockWait(wait);
        try {
            em.createNativeQuery(selectOf(keys.getFirst().type()))
                    .setParameter("ids", keys.stream().map(LockKey::id).toList()).getResultList();
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
        String statement = mysqlFamily
                ? "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (wait.toMillis() + 999) / 1000)
                : "SET LOCK_TIMEOUT " + Math.max(1, wait.toMillis());
        em.createNativeQuery(statement).executeUpdate();
    }

    private static String selectOf(LockKey.ResourceType type) {
        return switch (type) {
            case ITEM_STOCK -> "select item_id from item_stock where item_id in (:ids) order by item_id for update";
            case POINT -> "select user_id from point_balance where user_id in (:ids) order by user_id for update";
        };
    }
}

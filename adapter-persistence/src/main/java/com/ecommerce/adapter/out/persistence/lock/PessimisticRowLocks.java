package com.ecommerce.adapter.out.persistence.lock;

import com.ecommerce.domain.lock.LockKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

import java.time.Duration;

/**
 * The rows behind the lock keys, locked with JPA's {@link LockModeType#PESSIMISTIC_WRITE} ({@code select ... for
 * update}) in the running transaction; its commit or rollback releases them. This is what {@code lock-db} stands on;
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
        // parsed and validated now, so that a typo stops the start-up and the first lock pays for no parser
        for (LockKey.ResourceType type : LockKey.ResourceType.values()) {
            em.createQuery(selectOf(type));
        }
    }

    /**
     * Locks the row of {@code key}, waiting at most {@code wait}. A row that does not exist locks nothing (the work
     * answers 404 when it reads it).
     *
     * @return false when the row was not granted within {@code wait}
     */
    public boolean lock(LockKey key, Duration wait) {
        setLockWait(wait);
        try {
            em.createQuery(selectOf(key.type())).setParameter("id", key.id())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
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
            case ITEM_STOCK -> "select s from ItemStockJpaEntity s where s.itemId = :id";
            case POINT -> "select p from PointJpaEntity p where p.userId = :id";
        };
    }
}

package com.ecommerce.adapter.out.lock.db;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pessimistic row locks: {@code SELECT ... FOR UPDATE} on the rows of the keys, in key order, inside the
 * transaction that does the work. The work's own transaction joins this one, so the row locks are released by its
 * commit (or rollback) and by nothing else. Correct for any number of instances sharing one database.
 *
 * <p>The wait is enforced by the database, per statement, with the time left of the request's total budget:
 * MySQL and MariaDB take {@code SET SESSION innodb_lock_wait_timeout} (whole seconds, rounded up, at least 1), H2
 * takes {@code SET LOCK_TIMEOUT} (milliseconds). The JPA hint {@code jakarta.persistence.lock.timeout} is not used:
 * Hibernate's {@code MySQLDialect} drops it and sends a plain {@code for update}, which would wait the server default
 * of 50 seconds.
 */
public class DatabaseLockAdapter implements LockStrategy {

    private final TransactionTemplate transactionTemplate;
    private final JdbcTemplate jdbc;
    private final LockMetrics metrics;
    private final boolean mysqlFamily;

    public DatabaseLockAdapter(PlatformTransactionManager transactionManager, JdbcTemplate jdbc, LockMetrics metrics) {
        this.transactionTemplate = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.metrics = metrics;
        String product = jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName());
        this.mysqlFamily = product != null && (product.contains("MySQL") || product.contains("MariaDB"));
    }

    @Override
    public String strategyName() {
        return "db";
    }

    @Override
    public <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work) {
        List<LockKey> ordered = LockKey.sortedDistinct(keys);
        return transactionTemplate.execute(status -> {
            long waitStart = System.nanoTime();
            long deadline = waitStart + waitTimeout.toNanos();
            for (LockKey key : ordered) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    metrics.timedOut(waitStart);
                    throw new LockTimeoutException(ordered.toString(), waitTimeout);
                }
                setLockWait(Duration.ofNanos(remaining));
                try {
                    jdbc.queryForList(selectForUpdate(key), key.id());
                } catch (PessimisticLockingFailureException e) {
                    metrics.timedOut(waitStart);
                    throw new LockTimeoutException(ordered.toString(), waitTimeout, e);
                }
            }
            metrics.acquired(waitStart);
            long holdStart = System.nanoTime();
            try {
                return work.get();
            } finally {
                // the commit that releases the rows happens when this callback returns; it is counted in the hold
                metrics.held(holdStart);
            }
        });
    }

    private void setLockWait(Duration remaining) {
        if (mysqlFamily) {
            long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
            jdbc.execute("SET SESSION innodb_lock_wait_timeout = " + seconds);
        } else {
            jdbc.execute("SET LOCK_TIMEOUT " + Math.max(1, remaining.toMillis()));
        }
    }

    static String selectForUpdate(LockKey key) {
        return switch (key.type()) {
            case ITEM_STOCK -> "SELECT item_id FROM item_stock WHERE item_id = ? FOR UPDATE";
            case POINT -> "SELECT user_id FROM point_balance WHERE user_id = ? FOR UPDATE";
        };
    }
}

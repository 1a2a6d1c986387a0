package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.optimistic.OptimisticLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * {@code lock-optimistic} broken on purpose, run only by {@link LockBreakagesIT} (see {@link DatabaseLockBreakages}
 * for how they are kept out of the ordinary runs). The strategy holds no lock: what excludes a second writer is the
 * versioned update, and what the strategy promises is that a conflict costs a retry, not an answer. So the two lock
 * breakages become:
 * <ul>
 *   <li>"grants everyone": the update without its version condition ({@link UnfencedWrite}); and, for the retry, an
 *       adapter that gives up at the first conflict ({@link NoRetry});</li>
 *   <li>"releases before commit": the version checked on a connection of its own, before the write and outside its
 *       transaction, and the write then made without the condition ({@link CheckedBeforeCommit}). There is no lock
 *       to release, so the literal breakage cannot apply; this is its equivalent for a version check, a check that
 *       no longer holds when the write commits.</li>
 * </ul>
 * The store breakages replace the balance store of the contract's own work; the service's beans are untouched, so
 * all three share {@link OptimisticLockPortContractIT}'s Spring context.
 */
final class OptimisticLockBreakages {

    private static final String UNFENCED_UPDATE =
            "update point_balance set balance = ?, version = version + 1 where user_id = ?";

    private OptimisticLockBreakages() {
    }

    @Disabled(DatabaseLockBreakages.RUN_BY)
    static class UnfencedWrite extends OptimisticLockPortContractIT {

        @Override
        protected PointStorePort pointStore() {
            return writingWithout(points, point -> {
            }, jdbc);
        }
    }

    @Disabled(DatabaseLockBreakages.RUN_BY)
    static class NoRetry extends OptimisticLockPortContractIT {

        @Override
        protected LockStrategy createThisInstance() {
            LockProperties.Optimistic configured = properties.optimistic();
            return new OptimisticLockAdapter(new LockProperties.Optimistic(1, configured.initialBackoff(),
                    configured.maxBackoff()), meters);
        }
    }

    @Disabled(DatabaseLockBreakages.RUN_BY)
    static class CheckedBeforeCommit extends OptimisticLockPortContractIT {

        @Autowired
        DataSource dataSource;
        /** A connection of its own, committing each read: the check sees what is committed when it runs. */
        private Connection checks;

        @BeforeEach
        void openTheCheckConnection() throws SQLException {
            checks = dataSource.getConnection();
            checks.setAutoCommit(true);
        }

        @AfterEach
        void closeTheCheckConnection() throws SQLException {
            checks.close();
        }

        @Override
        protected PointStorePort pointStore() {
            return writingWithout(points, point -> {
                if (committedVersion(point.userId()) != point.version()) {
                    throw new ConcurrentUpdateException("The balance of user " + point.userId());
                }
            }, jdbc);
        }

        private synchronized long committedVersion(long userId) {
            try (PreparedStatement select = checks.prepareStatement(
                    "select version from point_balance where user_id = ?")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code real}, whose {@code updatePoint} runs {@code check} and then writes without the version condition. */
    static PointStorePort writingWithout(PointStorePort real, Consumer<Point> check, JdbcTemplate jdbc) {
        return (PointStorePort) Proxy.newProxyInstance(PointStorePort.class.getClassLoader(),
                new Class<?>[]{PointStorePort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updatePoint")) {
                        Point point = (Point) args[0];
                        check.accept(point);
                        jdbc.update(UNFENCED_UPDATE, point.balance(), point.userId());
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

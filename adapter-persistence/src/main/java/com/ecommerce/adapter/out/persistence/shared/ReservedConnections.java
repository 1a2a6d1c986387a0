package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.shared.port.out.NoFreeConnectionException;
import com.ecommerce.domain.shared.DatabaseUnavailableException;
import com.zaxxer.hikari.HikariConfigMXBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The application's {@link DataSource}: the pool, with two steps more.
 * <ul>
 *   <li>{@link #reserve} and {@link #reserveFree} take a connection for a piece of work before the work starts;
 *       while it runs, the connection this thread asks for is that one (Hibernate's for the work's transaction, a
 *       JDBC lock table's before it), its {@code close} left to the end of the work. Only one user at a time: asked
 *       for again while it is handed out, a connection of its own comes from the pool, as one asked for apart
 *       from the work's transaction expects.</li>
 *   <li>Every connection handed out holds one of as many permits as the pool has connections, so that "is one
 *       free now?" has an exact answer ({@link #reserveFree}): the unit of work asks it while holding its locks,
 *       and never waits for the pool with a lock in hand.</li>
 * </ul>
 * Why the permits are counted here and not asked of the pool: Hikari answers "none within the wait" only after its
 * connection wait, the same for every caller, and counts each such answer as a timeout in its metrics; its idle
 * count is a snapshot another thread can empty before the borrow.
 *
 * <p>The transactions that use the reserved connection one after another (a lock table's, then the work's) each
 * leave it as they found it, as they would leave a pooled connection. Connections are handed out as proxies (Spring's
 * {@link ConnectionProxy}, so Spring sees their target) whose {@code close} gives back the reserved one, or a pooled
 * one with its permit.
 */
public class ReservedConnections extends DelegatingDataSource {

    /** The thread's reserved connection, and whether it is handed out now. */
    private static final class Reserved {
        private final Connection connection;
        private boolean handedOut;

        private Reserved(Connection connection) {
            this.connection = connection;
        }
    }

    private final ThreadLocal<Reserved> reserved = new ThreadLocal<>();
    private final Semaphore permits;
    private final long waitMillis;

    /**
     * @param pool       the pool
     * @param size       how many connections it holds at most
     * @param waitMillis how long a request waits for one (the pool's connection wait)
     */
    public ReservedConnections(DataSource pool, int size, long waitMillis) {
        super(pool);
        this.permits = new Semaphore(size, true);
        this.waitMillis = waitMillis;
    }

    /** Over a Hikari pool, with its size and connection wait; over another pool, without a bound of its own. */
    public static ReservedConnections over(DataSource pool) {
        try {
            if (pool.isWrapperFor(HikariConfigMXBean.class)) {
                HikariConfigMXBean hikari = pool.unwrap(HikariConfigMXBean.class);
                return new ReservedConnections(pool, hikari.getMaximumPoolSize(), hikari.getConnectionTimeout());
            }
        } catch (SQLException notHikari) {
            // fall through: no bound of our own
        }
        return new ReservedConnections(pool, Integer.MAX_VALUE, 30_000);
    }

    /**
     * Puts {@link ReservedConnections} around the application's {@link DataSource} bean (the pool Spring Boot made),
     * so that JPA, Flyway, the lock table and the health check all go through it.
     */
    public static BeanPostProcessor aroundThePool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof ReservedConnections) ? over(pool) : bean;
            }
        };
    }

    /**
     * Runs {@code work} with a connection of its own, waiting for one at most the pool's connection wait; nested
     * calls share the outer one's.
     *
     * @throws DatabaseUnavailableException when none came within the wait
     */
    public <T> T reserve(Supplier<T> work) {
        if (reserved.get() != null) {
            return work.get();
        }
        if (!acquire(waitMillis)) {
            throw unavailable(null);
        }
        return runOn(work);
    }

    /**
     * Runs {@code work} with a connection of its own if one is free at once; nested calls share the outer one's.
     *
     * @throws NoFreeConnectionException when every connection is in use
     */
    public <T> T reserveFree(Supplier<T> work) {
        if (reserved.get() != null) {
            return work.get();
        }
        if (!permits.tryAcquire()) {
            throw new NoFreeConnectionException();
        }
        return runOn(work);
    }

    /** With a permit held: takes the connection, runs the work on it, gives both back. */
    private <T> T runOn(Supplier<T> work) {
        Connection connection;
        try {
            connection = super.getConnection();
        } catch (SQLException e) {
            permits.release();
            throw e instanceof SQLTransientConnectionException ? unavailable(e)
                    : new DatabaseUnavailableException("The database refused a connection", e);
        }
        reserved.set(new Reserved(connection));
        try {
            return work.get();
        } finally {
            reserved.remove();
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool evicts a connection that fails to close; the work's outcome stands
            } finally {
                permits.release();
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Reserved mine = reserved.get();
        if (mine != null && !mine.handedOut) {
            mine.handedOut = true;
            return proxy(mine.connection, () -> mine.handedOut = false);
        }
        if (!acquire(waitMillis)) {
            throw unavailable(null);
        }
        Connection pooled;
        try {
            pooled = super.getConnection();
        } catch (SQLTransientConnectionException e) {
            permits.release();
            throw unavailable(e);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
        return proxy(pooled, () -> {
            try {
                pooled.close();
            } finally {
                permits.release();
            }
        });
    }

    /**
     * No connection within the wait, as the core's failure rather than an {@link SQLException}: a framework between
     * here and the caller (Hibernate, a shared {@code EntityManager}, Spring's transaction manager) passes a runtime
     * exception through, at most wrapped, so the service answers {@code DATABASE_UNAVAILABLE} whichever way the
     * connection was asked for.
     */
    private DatabaseUnavailableException unavailable(SQLException cause) {
        return new DatabaseUnavailableException("No database connection came within " + waitMillis + " ms", cause);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the service's connections all use the pool's own credentials");
    }

    /** How many connections could be handed out at once now (for tests and metrics). */
    public int free() {
        return permits.availablePermits();
    }

    private boolean acquire(long millis) {
        try {
            return permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code target} as a {@link ConnectionProxy} whose first {@code close} runs {@code onClose} instead. */
    private static Connection proxy(Connection target, CloseAction onClose) {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(ConnectionProxy.class.getClassLoader(),
                new Class<?>[]{ConnectionProxy.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTargetConnection" -> target;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "handed out: " + target;
                    case "isClosed" -> closed.get() || target.isClosed();
                    case "close" -> {
                        if (closed.compareAndSet(false, true)) {
                            onClose.run();
                        }
                        yield null;
                    }
                    default -> {
                        if (closed.get()) {
                            throw new SQLException("the connection is closed");
                        }
                        try {
                            yield method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @FunctionalInterface
    private interface CloseAction {
        void run() throws SQLException;
    }
}

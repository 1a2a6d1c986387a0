package com.ecommerce.adapter.out.lock.jdbc;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * One instance's view of the lock table: a {@link DefaultLockRepository} with a client id of its own, set up as a
 * Spring bean would be (its queries formatted with the table prefix, its transaction templates made, the table
 * checked) but without a Spring context, so that bootstrap and the tests build it the same way. The repository runs
 * each try in a short transaction of its own, on a transaction manager of its own over the service's
 * {@link DataSource}: the lock is taken before the business transaction begins and given back after it ends.
 */
public final class JdbcLockTable implements AutoCloseable {

    private static final String PROBE_KEY = UUID.nameUUIDFromBytes("health".getBytes(StandardCharsets.UTF_8)).toString();

    private final DefaultLockRepository repository;
    private final JdbcLockRegistry registry;
    private final Duration timeToLive;

    private JdbcLockTable(DefaultLockRepository repository, JdbcLockRegistry registry, Duration timeToLive) {
        this.repository = repository;
        this.registry = registry;
        this.timeToLive = timeToLive;
    }

    /** Fails when the table does not exist (the migrations create it) or the database does not answer. */
    public static JdbcLockTable open(DataSource dataSource, LockProperties.Jdbc settings, Duration timeToLive) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setRegion(settings.region());
        repository.setPrefix(settings.tablePrefix());
        repository.setTransactionManager(new JdbcTransactionManager(dataSource));
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        repository.start();
        JdbcLockRegistry registry = new JdbcLockRegistry(repository, timeToLive);
        registry.setIdleBetweenTries(settings.retryInterval());
        return new JdbcLockTable(repository, registry, timeToLive);
    }

    public JdbcLockAdapter adapter(LockMetrics metrics) {
        return new JdbcLockAdapter(registry, timeToLive, metrics);
    }

    /** The registry, for an adapter built around it otherwise (the tests' deliberately broken ones). */
    public JdbcLockRegistry registry() {
        return registry;
    }

    /** Whether the lock table answers a read in this instance's region (the health check). */
    public boolean answers() {
        try {
            repository.isAcquired(PROBE_KEY);
            return true;
        } catch (DataAccessException | TransactionException e) {
            return false;
        }
    }

    /** Gives back every row this instance still holds, so that a clean shutdown leaves none to expire. */
    @Override
    public void close() {
        repository.close();
    }
}

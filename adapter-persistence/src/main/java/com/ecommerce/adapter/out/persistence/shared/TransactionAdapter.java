package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.shared.CommitOutcomeUnknownException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.DatabaseUnavailableException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/**
 * {@link TransactionPort} over Spring's {@link PlatformTransactionManager}: commit when the work returns, roll back
 * when it throws, as Spring's {@code TransactionTemplate} does, with one step more: the work's writes are flushed
 * before the commit, so that what fails at the commit itself is only the commit. Database concurrency failures
 * raised by the work or its flush leave here as the core's port-level exceptions: a row lock not granted in time is
 * {@link LockTimeoutException}; a deadlock victim or an optimistic failure is {@link ConcurrentUpdateException}.
 * Either way the transaction was rolled back and nothing changed.
 *
 * <p>A commit that fails (the link to the database lost while the commit was on its way, or its answer on the way
 * back) has an unknown outcome: the server may have committed. It leaves as {@link CommitOutcomeUnknownException}, so
 * the answer never says "nothing changed" when something may have; the caller repeats under its idempotency key. A
 * commit refused because the transaction was marked for rollback is a known outcome (rolled back), and stays what it
 * is.
 *
 * <p>A transaction that gets no connection from the pool within its wait leaves as
 * {@link DatabaseUnavailableException}: nothing ran. A write under locks takes a connection only if one is free at
 * once ({@link #withFreeConnection}), and otherwise waits for one before it locks again ({@link #withConnection}).
 */
public class TransactionAdapter implements TransactionPort {

    private final PlatformTransactionManager transactionManager;
    private final ReservedConnections connections;
    private final TransactionDefinition readWrite = new DefaultTransactionDefinition();
    private final TransactionDefinition readOnly;
    private final HibernateJpaDialect translator = new HibernateJpaDialect();

    public TransactionAdapter(PlatformTransactionManager transactionManager, ReservedConnections connections) {
        this.transactionManager = transactionManager;
        this.connections = connections;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        this.readOnly = definition;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(readWrite, work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return run(readOnly, work);
    }

    @Override
    public <T> T withConnection(Supplier<T> work) {
        return connections.reserve(work);
    }

    @Override
    public <T> T withFreeConnection(Supplier<T> work) {
        return connections.reserveFree(work);
    }

    private <T> T run(TransactionDefinition definition, Supplier<T> work) {
        TransactionStatus status;
        T result;
        try {
            status = transactionManager.getTransaction(definition);
        } catch (RuntimeException e) {
            throw translated(e);
        }
        try {
            result = work.get();
            if (!definition.isReadOnly()) {
                status.flush();
            }
        } catch (RuntimeException e) {
            rollBack(status, e);
            throw translated(e);
        } catch (Error e) {
            rollBack(status, e);
            throw e;
        }
        try {
            transactionManager.commit(status);
        } catch (RuntimeException e) {
            if (!definition.isReadOnly() && status.isNewTransaction() && !(e instanceof UnexpectedRollbackException)) {
                throw new CommitOutcomeUnknownException(e);
            }
            throw translated(e);
        }
        return result;
    }

    private void rollBack(TransactionStatus status, Throwable failure) {
        try {
            transactionManager.rollback(status);
        } catch (RuntimeException | Error rollbackFailure) {
            rollbackFailure.addSuppressed(failure);
            throw rollbackFailure;
        }
    }

    private RuntimeException translated(RuntimeException e) {
        DatabaseUnavailableException noConnection = noConnection(e);
        if (noConnection != null) {
            return noConnection;
        }
        DataAccessException translated = e instanceof DataAccessException dae ? dae
                : translator.translateExceptionIfPossible(e);
        if (translated instanceof CannotAcquireLockException) {
            return new LockTimeoutException("a database row", e);
        }
        if (translated instanceof ConcurrencyFailureException) {
            return new ConcurrentUpdateException("A row", e);
        }
        return e;
    }

    /**
     * The pool gave no connection within its wait (all in use, or the database not answering): {@link
     * ReservedConnections}' own failure, or the pool's, however the transaction manager wrapped it.
     */
    private static DatabaseUnavailableException noConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException unavailable) {
                return unavailable;
            }
            if (cause instanceof SQLTransientConnectionException pool) {
                return new DatabaseUnavailableException("No database connection came within the connection wait",
                        pool);
            }
        }
        return null;
    }
}

package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * {@link TransactionPort} with Spring's {@link TransactionTemplate}: commit when the work returns, roll back when
 * it throws. Database concurrency failures, whether the stores raised them (JPA and Hibernate exceptions) or the
 * commit did (Spring's), leave here as the core's port-level exceptions: a row lock not granted in time is
 * {@link LockTimeoutException}; a deadlock victim or an optimistic failure is {@link ConcurrentUpdateException}.
 * Either way the transaction was rolled back and nothing changed.
 */
public class TransactionAdapter implements TransactionPort {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;
    private final HibernateJpaDialect translator = new HibernateJpaDialect();

    public TransactionAdapter(PlatformTransactionManager transactionManager) {
        this.readWrite = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(readWrite, work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return run(readOnly, work);
    }

    private <T> T run(TransactionTemplate template, Supplier<T> work) {
        try {
            return template.execute(status -> work.get());
        } catch (RuntimeException e) {
            DataAccessException translated = e instanceof DataAccessException dae ? dae
                    : translator.translateExceptionIfPossible(e);
            if (translated instanceof CannotAcquireLockException) {
                throw new LockTimeoutException("a database row", e);
            }
            if (translated instanceof ConcurrencyFailureException) {
                throw new ConcurrentUpdateException("A row", e);
            }
            throw e;
        }
    }
}

package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.db.DatabaseLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import org.junit.jupiter.api.Disabled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code lock-db} broken on purpose: the contract test with both instances built on broken row locks, run only by
 * {@link LockBreakagesIT}, which expects named tests to fail. Neither class name matches a surefire or failsafe
 * pattern, and {@code @Disabled} keeps an IDE's run of the package off them; the test kit switches that condition
 * off. Each is a {@link DatabaseLockPortContractIT} with nothing added to its configuration, so it shares that
 * class's Spring context.
 */
final class DatabaseLockBreakages {

    static final String RUN_BY = "broken on purpose: run by LockBreakagesIT";

    private DatabaseLockBreakages() {
    }

    /** {@code lockInTransaction} takes no row lock: every party is let in at once. */
    @Disabled(RUN_BY)
    static class GrantsEveryone extends DatabaseLockPortContractIT {

        @Override
        protected DatabaseLockAdapter.RowLocks rowLocks() {
            return (keys, wait) -> true;
        }

        @Override
        protected LockStrategy createThisInstance() {
            return newInstance();
        }
    }

    /**
     * The row locks are taken in a transaction of their own that commits at once, before the work's transaction
     * has done anything: the rows are locked and released again before the work runs.
     */
    @Disabled(RUN_BY)
    static class ReleasesBeforeCommit extends DatabaseLockPortContractIT {

        @Autowired
        PlatformTransactionManager transactionManager;

        @Override
        protected DatabaseLockAdapter.RowLocks rowLocks() {
            TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
            ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            return (keys, wait) -> Boolean.TRUE.equals(ownTransaction.execute(status -> rows.lock(keys, wait)));
        }

        @Override
        protected LockStrategy createThisInstance() {
            return newInstance();
        }
    }
}

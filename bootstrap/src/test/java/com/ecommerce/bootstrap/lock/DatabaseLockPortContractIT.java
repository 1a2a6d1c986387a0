package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.db.DatabaseLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.adapter.out.persistence.lock.PessimisticRowLocks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

/**
 * {@code lock-db} with its second instance on the same database: the waiter of a held key waits on the row lock
 * itself, in its own transaction on its own connection.
 */
@ActiveProfiles("lock-db")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class DatabaseLockPortContractIT extends LockPortContractTest {

    @Autowired
    PessimisticRowLocks rows;
    @Autowired
    LockProperties properties;

    /** How an instance locks its rows: as the service does. */
    protected DatabaseLockAdapter.RowLocks rowLocks() {
        return rows::lock;
    }

    /** An instance as {@code LockConfiguration} builds it, on {@link #rowLocks()}. */
    protected final LockStrategy newInstance() {
        return SecondInstance.of(LockStrategyName.DB, properties,
                metrics -> new DatabaseLockAdapter(rowLocks(), metrics));
    }

    /**
     * 500 ms: the row wait is set on the session in whole seconds, rounded up ({@link PessimisticRowLocks}), and
     * MariaDB keeps it to the millisecond (1,000-1,002 ms measured). A 1 s request reaches its locking select with a
     * little less than a second left (the queue, a pooled connection, the transaction, the {@code SET SESSION}),
     * which rounds back up to a whole second: the wait ends that much after the deadline, plus the rollback. Measured
     * on 2 shared cores at a load average of 10: 2-76 ms over in twelve waits, once 254 ms.
     */
    @Override
    protected Duration timeoutOverrun() {
        return Duration.ofMillis(500);
    }

    @Override
    protected LockStrategy createOtherInstance() {
        return newInstance();
    }
}

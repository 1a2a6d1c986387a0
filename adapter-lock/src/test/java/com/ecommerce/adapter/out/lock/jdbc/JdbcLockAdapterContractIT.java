package com.ecommerce.adapter.out.lock.jdbc;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-jdbc} on the lock table of the test database, from three pools and repositories (client ids) as three
 * instances would, and three more in another process.
 */
class JdbcLockAdapterContractIT extends LockStrategyContractTest {

    JdbcLockAdapterContractIT() {
        super(StrategyUnderTest.JDBC, Breakage.NONE);
    }
}

package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.jdbc.JdbcLockTable;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

/** {@code lock-jdbc}, its second instance a lock table of its own (another client id) in the same database. */
@ActiveProfiles("lock-jdbc")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class JdbcLockPortContractIT extends LockPortContractTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        JdbcLockTable table = JdbcLockTable.open(dataSource, properties.jdbc(), properties.leaseTime());
        return SecondInstance.of(LockStrategyName.JDBC, properties, table::adapter);
    }
}

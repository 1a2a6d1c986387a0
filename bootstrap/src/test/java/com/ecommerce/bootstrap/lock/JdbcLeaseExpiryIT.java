package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.jdbc.JdbcLockTable;
import com.ecommerce.bootstrap.lock.LockParties.Party;
import com.ecommerce.bootstrap.lock.LockParties.Step;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

@ActiveProfiles("lock-jdbc")
@TestPropertySource(properties = {LeaseExpiryTest.SHORT_LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class JdbcLeaseExpiryIT extends LeaseExpiryTest {

    /**
     * The lock table's times keep whole seconds on MariaDB through mysql-connector-j (the driver drops the fraction):
     * a row's end and the "now" it is compared with are both cut to the second, so the row is free from its
     * time-to-live after it was taken until a second later, never sooner.
     */
    private static final long WHOLE_SECONDS_MS = 1_000;

    @Autowired
    DataSource dataSource;

    @Override
    protected AnotherInstance anotherInstance() {
        JdbcLockTable table = JdbcLockTable.open(dataSource, properties.jdbc(), properties.leaseTime());
        return new AnotherInstance(table.adapter(metricsOfAnotherInstance()), table);
    }

    @Override
    protected LockLoss loseTheFirstHoldersLock(LockParties parties) {
        long timeToLive = properties.leaseTime().toMillis();
        return new LockLoss("its row's time-to-live of " + timeToLive + " ms ran out", timeToLive,
                parties.ms(Party.FIRST, Step.ACQUIRED) + timeToLive + WHOLE_SECONDS_MS);
    }
}

package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.etcd.EtcdLockAdapter;
import com.ecommerce.bootstrap.lock.LockParties.Party;
import com.ecommerce.bootstrap.lock.LockParties.Step;
import io.etcd.jetcd.Client;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code lock-etcd}: the stalled holder's lease runs out and etcd deletes its lock keys. The lease is 2 s, etcd's
 * least with its default election timeout (a 1 s lease would be granted as 2 s), and etcd revokes expired leases on
 * a 500 ms tick, so the lock is free by half a second after the lease at the latest. The adapter reuses a released
 * lease while it is in the first third of its life, so the holder's lease may be older than its request: the lock is
 * held for two thirds of the lease at least after it was granted.
 */
@ActiveProfiles("lock-etcd")
@TestPropertySource(properties = {EtcdLeaseExpiryIT.LEASE, LeaseExpiryTest.SECOND_PARTY_AS_ANOTHER_INSTANCE,
        LeaseExpiryTest.WAIT_PAST_THE_LOSS})
class EtcdLeaseExpiryIT extends LeaseExpiryTest {

    static final String LEASE = "ecommerce.lock.lease-time=2s";
    /** etcd's lessor looks for expired leases every 500 ms. */
    private static final long REVOKED_WITHIN_MS = 500;

    @Override
    protected AnotherInstance anotherInstance() {
        Client client = Client.builder().endpoints(properties.etcd().endpoints().toArray(String[]::new)).build();
        return new AnotherInstance(new EtcdLockAdapter(client, properties.etcd().prefix(), properties.leaseTime(),
                metricsOfAnotherInstance()), client::close);
    }

    @Override
    protected LockLoss loseTheFirstHoldersLock(LockParties parties) {
        long lease = properties.leaseTime().toMillis();
        long acquired = parties.ms(Party.FIRST, Step.ACQUIRED);
        return new LockLoss("its lease of " + lease + " ms ran out", acquired + lease * 2 / 3,
                acquired + lease + REVOKED_WITHIN_MS);
    }
}

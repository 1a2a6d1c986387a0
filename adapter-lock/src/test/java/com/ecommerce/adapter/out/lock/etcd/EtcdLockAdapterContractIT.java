package com.ecommerce.adapter.out.lock.etcd;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-etcd} on the shared etcd, from three jetcd clients as three instances would, and three more in another
 * process that connects to the same server.
 */
class EtcdLockAdapterContractIT extends LockStrategyContractTest {

    EtcdLockAdapterContractIT() {
        super(StrategyUnderTest.ETCD, Breakage.NONE);
    }
}

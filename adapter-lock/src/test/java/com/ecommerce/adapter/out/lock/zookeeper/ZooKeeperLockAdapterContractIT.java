package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/**
 * {@code lock-zookeeper} on the in-process ZooKeeper, from three clients as three instances would, and three more in
 * another process that connects to the same server.
 */
class ZooKeeperLockAdapterContractIT extends LockStrategyContractTest {

    ZooKeeperLockAdapterContractIT() {
        super(StrategyUnderTest.ZOOKEEPER, Breakage.NONE);
    }
}

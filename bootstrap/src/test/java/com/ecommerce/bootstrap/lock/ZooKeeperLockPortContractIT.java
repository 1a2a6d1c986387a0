package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperLockAdapter;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@code lock-zookeeper}, its second instance on the same ensemble. */
@ActiveProfiles("lock-zookeeper")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class ZooKeeperLockPortContractIT extends LockPortContractTest {

    @Autowired
    CuratorFramework lockCurator;
    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        return SecondInstance.of(LockStrategyName.ZOOKEEPER, properties, metrics -> new ZooKeeperLockAdapter(
                lockCurator, properties.zookeeper().basePath(), metrics));
    }
}

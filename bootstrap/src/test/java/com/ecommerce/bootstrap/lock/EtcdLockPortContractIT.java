package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.etcd.EtcdLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import io.etcd.jetcd.Client;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@code lock-etcd}, its second instance on the same etcd. */
@ActiveProfiles("lock-etcd")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class EtcdLockPortContractIT extends LockPortContractTest {

    @Autowired
    Client lockEtcd;
    @Autowired
    LockProperties properties;

    @Override
    protected LockStrategy createOtherInstance() {
        return SecondInstance.of(LockStrategyName.ETCD, properties, metrics -> new EtcdLockAdapter(lockEtcd,
                properties.etcd().prefix(), properties.leaseTime(), metrics));
    }
}

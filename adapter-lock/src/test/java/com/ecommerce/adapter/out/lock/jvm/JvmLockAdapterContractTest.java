package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

class JvmLockAdapterContractTest extends LockStrategyContractTest {

    private final List<LockStrategy> instances =
            List.of(new JvmLockAdapter(true, new LockMetrics(new SimpleMeterRegistry(), "jvm")));

    @Override
    protected List<LockStrategy> instances() {
        return instances;
    }
}

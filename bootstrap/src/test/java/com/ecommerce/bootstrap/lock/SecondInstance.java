package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.function.Function;

/**
 * A second instance of the service's lock strategy for the contract's two-party clauses: the shared adapter built
 * as {@code LockConfiguration} builds it, over the same database, Redis or ZooKeeper clients, behind a local queue
 * of its own; its metrics go to a registry of its own, as another instance's would.
 */
final class SecondInstance {

    private SecondInstance() {
    }

    static LockStrategy of(LockStrategyName strategy, LockProperties properties,
                           Function<LockMetrics, LockStrategy> shared) {
        return LocallyQueuedLockAdapter.inFrontOf(
                shared.apply(new LockMetrics(new SimpleMeterRegistry(), strategy.id())), properties,
                new SimpleMeterRegistry());
    }
}

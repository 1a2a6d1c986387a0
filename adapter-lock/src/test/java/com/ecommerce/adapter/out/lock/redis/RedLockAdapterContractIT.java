package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** {@code lock-redlock} over three independent Redis masters, from two sets of clients as two instances would. */
class RedLockAdapterContractIT extends LockStrategyContractTest {

    private final List<RedLockAdapter> adapters = Stream.generate(() -> new RedLockAdapter(
                    TestRedis.redlockAddressList().stream().map(a -> RedissonClients.create(a, TestRedis.TUNING)).toList(),
                    Duration.ofSeconds(10), new LockMetrics(new SimpleMeterRegistry(), "redlock")))
            .limit(2).toList();

    @Override
    protected List<LockStrategy> instances() {
        return List.copyOf(adapters);
    }

    @AfterAll
    void shutdown() {
        adapters.forEach(RedLockAdapter::shutdown);
    }
}

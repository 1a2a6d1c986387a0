package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.List;

/** {@code lock-redis} on the real Redis, from two clients as two instances of the service would. */
class RedisLockAdapterContractIT extends LockStrategyContractTest {

    private final List<RedissonClient> clients = List.of(TestRedis.singleClient(), TestRedis.singleClient());
    private final List<LockStrategy> instances = clients.stream()
            .<LockStrategy>map(client -> new RedisLockAdapter(client, Duration.ofSeconds(10),
                    new LockMetrics(new SimpleMeterRegistry(), "redis")))
            .toList();

    @Override
    protected List<LockStrategy> instances() {
        return instances;
    }

    @AfterAll
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }
}

package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.List;

/**
 * The local queue in front of {@code lock-redis}, on two instances: within one the queue excludes, between the two
 * only Redis does, so the contract holds only if the queue hands each request on to the shared lock intact.
 */
class LocallyQueuedLockAdapterContractIT extends LockStrategyContractTest {

    private final List<RedissonClient> clients = List.of(TestRedis.singleClient(), TestRedis.singleClient());
    private final List<LockStrategy> instances = clients.stream()
            .<LockStrategy>map(client -> new LocallyQueuedLockAdapter(new RedisLockAdapter(client, Duration.ofSeconds(10),
                    new LockMetrics(new SimpleMeterRegistry(), "redis")), new SimpleMeterRegistry()))
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

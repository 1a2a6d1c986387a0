package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import java.time.Duration;

/** {@code lock-redis}: one Redis at {@code spring.data.redis.host}/{@code port}. */
@Configuration(proxyBeanMethods = false)
@Profile("lock-redis")
public class RedisLockConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedissonClient lockRedisson(@Value("${spring.data.redis.host:127.0.0.1}") String host,
                                @Value("${spring.data.redis.port:6379}") int port, LockProperties properties) {
        return RedissonClients.create("redis://" + host + ":" + port, properties.redis());
    }

    @Bean
    LockStrategy redisLockAdapter(RedissonClient lockRedisson, LockProperties properties, MeterRegistry registry) {
        return LocallyQueuedLockAdapter.inFrontOf(
                new RedisLockAdapter(lockRedisson, properties.leaseTime(), new LockMetrics(registry, "redis")),
                properties, registry);
    }

    @Bean
    HealthIndicator redisLock(RedissonClient lockRedisson) {
        return () -> RedissonClients.reachable(lockRedisson, Duration.ofSeconds(1)).join()
                ? Health.up().build()
                : Health.down().withDetail("reason", "Redis does not answer").build();
    }
}

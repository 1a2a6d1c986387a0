package com.ecommerce.adapter.out.lock.redis;

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

import java.util.List;

/** {@code lock-redlock}: a quorum over the independent masters of {@code ecommerce.lock.redis.addresses}. */
@Configuration(proxyBeanMethods = false)
@Profile("lock-redlock")
public class RedLockConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedLockAdapter redLockAdapter(@Value("${ecommerce.lock.redis.addresses:}") List<String> configured,
                                  LockProperties properties, MeterRegistry registry) {
        List<String> addresses = configured.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (addresses.size() < 3) {
            throw new IllegalStateException("lock-redlock needs ecommerce.lock.redis.addresses with at least 3 "
                    + "independent Redis masters (for example redis://127.0.0.1:6379,redis://127.0.0.1:6380,"
                    + "redis://127.0.0.1:6381), got " + addresses);
        }
        List<RedissonClient> nodes = addresses.stream()
                .map(address -> RedissonClients.create(address, properties.redis())).toList();
        return new RedLockAdapter(nodes, properties.leaseTime(), new LockMetrics(registry, "redlock"));
    }

    @Bean
    HealthIndicator redisLock(RedLockAdapter redLock) {
        return () -> {
            int reachable = redLock.reachableNodes();
            int total = redLock.nodes().size();
            Health.Builder health = reachable > total / 2 ? Health.up() : Health.down();
            return health.withDetail("reachableNodes", reachable).withDetail("nodes", total).build();
        };
    }
}

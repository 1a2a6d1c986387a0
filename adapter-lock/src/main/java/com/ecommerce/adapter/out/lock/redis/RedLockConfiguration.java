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

import java.util.List;

/** {@code lock-redlock}: a quorum over the independent masters of {@code ecommerce.lock.redis.addresses}. */
@Configuration(proxyBeanMethods = false)
@Profile("lock-redlock")
public class RedLockConfiguration {

    /** The masters, one client each; shut down with the context. */
    public record RedLockNodes(List<RedissonClient> clients) {
        public void shutdown() {
            clients.forEach(RedissonClient::shutdown);
        }
    }

    @Bean(destroyMethod = "shutdown")
    RedLockNodes redLockNodes(@Value("${ecommerce.lock.redis.addresses:}") List<String> configured,
                              LockProperties properties) {
        List<String> addresses = configured.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (addresses.size() < 3) {
            throw new IllegalStateException("lock-redlock needs ecommerce.lock.redis.addresses with at least 3 "
                    + "independent Redis masters (for example redis://127.0.0.1:6379,redis://127.0.0.1:6380,"
                    + "redis://127.0.0.1:6381), got " + addresses);
        }
        return new RedLockNodes(addresses.stream()
                .map(address -> RedissonClients.create(address, properties.redis())).toList());
    }

    @Bean
    LockStrategy redLockAdapter(RedLockNodes nodes, LockProperties properties, MeterRegistry registry) {
        return LocallyQueuedLockAdapter.inFrontOf(
                new RedLockAdapter(nodes.clients(), properties.leaseTime(), new LockMetrics(registry, "redlock")),
                properties, registry);
    }

    @Bean
    HealthIndicator redisLock(RedLockNodes nodes) {
        return () -> {
            int reachable = RedLockAdapter.reachable(nodes.clients());
            int total = nodes.clients().size();
            Health.Builder health = reachable > total / 2 ? Health.up() : Health.down();
            return health.withDetail("reachableNodes", reachable).withDetail("nodes", total).build();
        };
    }
}

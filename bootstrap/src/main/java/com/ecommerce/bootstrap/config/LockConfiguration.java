package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.lock.db.DatabaseLockAdapter;
import com.ecommerce.adapter.out.lock.etcd.EtcdLockAdapter;
import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.hazelcast.HazelcastMembers;
import com.ecommerce.adapter.out.lock.jdbc.JdbcLockTable;
import com.ecommerce.adapter.out.lock.jvm.JvmLockAdapter;
import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.optimistic.OptimisticLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedLockNodes;
import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.adapter.out.lock.support.LockStrategyName.Profiles;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperClients;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperLockAdapter;
import com.ecommerce.adapter.out.persistence.lock.PessimisticRowLocks;
import com.hazelcast.core.HazelcastInstance;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import org.apache.curator.framework.CuratorFramework;
import org.redisson.api.RedissonClient;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lock strategy: exactly one of the nested configurations is active, chosen by its profile
 * ({@link LockProfileGuard} makes sure of that and activates {@code lock-jvm} when none is given). Each one builds its
 * {@link LockStrategy}, the clients it needs and their health indicator; the shared strategies are put behind a
 * local queue unless {@code ecommerce.lock.local-queue} is off. Bean names are the same in every profile:
 * {@code lockStrategy}, and the health contributors {@code redisLock}, {@code zooKeeperLock}, {@code jdbcLock},
 * {@code hazelcastLock} and {@code etcdLock}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LockProperties.class)
public class LockConfiguration {

    /** {@code /actuator/info} names the strategy actually wired, not the one configured. */
    @Bean
    InfoContributor lockInfo(LockStrategy strategy, LockProperties properties) {
        return builder -> {
            Map<String, Object> lock = new LinkedHashMap<>();
            lock.put("strategy", strategy.strategy().id());
            lock.put("waitTimeout", properties.waitTimeout().toString());
            lock.put("leaseTime", properties.leaseTime().toString());
            builder.withDetail("lock", lock);
        };
    }

    private static LockMetrics metrics(MeterRegistry registry, LockStrategyName strategy) {
        return new LockMetrics(registry, strategy.id());
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.JVM)
    static class Jvm {
        @Bean
        LockStrategy lockStrategy(LockProperties properties, MeterRegistry registry) {
            return new JvmLockAdapter(properties.jvm().fair(), metrics(registry, LockStrategyName.JVM));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.DB)
    static class Database {
        @Bean
        PessimisticRowLocks pessimisticRowLocks(EntityManager em) {
            return new PessimisticRowLocks(em);
        }

        @Bean
        LockStrategy lockStrategy(PessimisticRowLocks rows, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(
                    new DatabaseLockAdapter(rows::lock, metrics(registry, LockStrategyName.DB)), properties, registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.REDIS)
    static class Redis {
        /** A wrong or missing password stops the start here, naming the setting (see RedissonClients.connect). */
        @Bean(destroyMethod = "shutdown")
        RedissonClient lockRedisson(LockProperties properties) {
            return RedissonClients.connect(properties.redis().address(), properties.redis());
        }

        @Bean
        LockStrategy lockStrategy(RedissonClient lockRedisson, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(new RedisLockAdapter(lockRedisson, properties.leaseTime(),
                    metrics(registry, LockStrategyName.REDIS)), properties, registry);
        }

        @Bean
        HealthIndicator redisLock(RedissonClient lockRedisson) {
            return () -> RedissonClients.reachable(lockRedisson, Duration.ofSeconds(1)).join()
                    ? Health.up().build()
                    : Health.down().withDetail("reason", "Redis does not answer").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.REDLOCK)
    static class RedLock {
        @Bean(destroyMethod = "shutdown")
        RedLockNodes redLockNodes(LockProperties properties) {
            return new RedLockNodes(properties.redis().redlockMasters().stream()
                    .map(address -> RedissonClients.connect(address, properties.redis())).toList());
        }

        @Bean
        LockStrategy lockStrategy(RedLockNodes nodes, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(new RedLockAdapter(nodes.clients(), properties.leaseTime(),
                    metrics(registry, LockStrategyName.REDLOCK)), properties, registry);
        }

        @Bean
        HealthIndicator redisLock(RedLockNodes nodes) {
            return () -> {
                int reachable = nodes.reachable();
                int total = nodes.clients().size();
                Health.Builder health = reachable > total / 2 ? Health.up() : Health.down();
                return health.withDetail("reachableNodes", reachable).withDetail("nodes", total).build();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.OPTIMISTIC)
    static class Optimistic {
        @Bean
        LockStrategy lockStrategy(LockProperties properties, MeterRegistry registry) {
            return new OptimisticLockAdapter(properties.optimistic(), registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.ZOOKEEPER)
    static class ZooKeeper {
        @Bean(destroyMethod = "close")
        CuratorFramework lockCurator(LockProperties properties) {
            return ZooKeeperClients.start(properties.zookeeper());
        }

        @Bean
        LockStrategy lockStrategy(CuratorFramework lockCurator, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(new ZooKeeperLockAdapter(lockCurator,
                    properties.zookeeper().basePath(), metrics(registry, LockStrategyName.ZOOKEEPER)),
                    properties, registry);
        }

        @Bean
        HealthIndicator zooKeeperLock(CuratorFramework lockCurator) {
            return () -> lockCurator.getZookeeperClient().isConnected()
                    ? Health.up().withDetail("connectString",
                            lockCurator.getZookeeperClient().getCurrentConnectionString()).build()
                    : Health.down().withDetail("reason", "not connected to ZooKeeper").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.JDBC)
    static class Jdbc {
        /**
         * After the migrations, which create the lock table that opening it checks. Closed on shutdown, giving back
         * the rows this instance still holds rather than leaving them to their time-to-live.
         */
        @Bean(destroyMethod = "close")
        @DependsOnDatabaseInitialization
        JdbcLockTable lockTable(DataSource dataSource, LockProperties properties) {
            return JdbcLockTable.open(dataSource, properties.jdbc(), properties.leaseTime());
        }

        @Bean
        LockStrategy lockStrategy(JdbcLockTable lockTable, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(lockTable.adapter(metrics(registry, LockStrategyName.JDBC)),
                    properties, registry);
        }

        @Bean
        HealthIndicator jdbcLock(JdbcLockTable lockTable, LockProperties properties) {
            return () -> lockTable.answers()
                    ? Health.up().withDetail("table", properties.jdbc().tablePrefix() + "LOCK")
                            .withDetail("region", properties.jdbc().region()).build()
                    : Health.down().withDetail("reason", "the lock table does not answer").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.HAZELCAST)
    static class Hazelcast {
        /** This instance's member of the cluster; {@code shutdown} leaves it gracefully, handing its data over. */
        @Bean(destroyMethod = "shutdown")
        HazelcastInstance lockHazelcast(LockProperties properties) {
            return HazelcastMembers.start(properties.hazelcast());
        }

        @Bean
        LockStrategy lockStrategy(HazelcastInstance lockHazelcast, LockProperties properties, MeterRegistry registry) {
            return LocallyQueuedLockAdapter.inFrontOf(new HazelcastLockAdapter(lockHazelcast, properties.leaseTime(),
                    metrics(registry, LockStrategyName.HAZELCAST)), properties, registry);
        }

        @Bean
        HealthIndicator hazelcastLock(HazelcastInstance lockHazelcast) {
            return () -> lockHazelcast.getLifecycleService().isRunning()
                    ? Health.up().withDetail("members", lockHazelcast.getCluster().getMembers().size())
                            .withDetail("clusterName", lockHazelcast.getConfig().getClusterName()).build()
                    : Health.down().withDetail("reason", "the Hazelcast member is not running").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.ETCD)
    static class Etcd {
        @Bean(destroyMethod = "close")
        Client lockEtcd(LockProperties properties) {
            return Client.builder().endpoints(properties.etcd().endpoints().toArray(String[]::new)).build();
        }

        @Bean
        LockStrategy lockStrategy(Client lockEtcd, LockProperties properties, MeterRegistry registry) {
            EtcdLockAdapter etcd = new EtcdLockAdapter(lockEtcd, properties.etcd().prefix(), properties.leaseTime(),
                    metrics(registry, LockStrategyName.ETCD));
            etcd.warmUp(Duration.ofSeconds(10));
            return LocallyQueuedLockAdapter.inFrontOf(etcd, properties, registry);
        }

        /** A read of the lock prefix, answered within a second: jetcd waits for a dead etcd rather than failing. */
        @Bean
        HealthIndicator etcdLock(Client lockEtcd, LockProperties properties) {
            return () -> {
                try {
                    lockEtcd.getKVClient().get(ByteSequence.from(properties.etcd().prefix(), StandardCharsets.UTF_8))
                            .get(1, TimeUnit.SECONDS);
                    return Health.up().withDetail("endpoints", properties.etcd().endpoints()).build();
                } catch (TimeoutException | ExecutionException e) {
                    return Health.down().withDetail("reason", "etcd does not answer").build();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Health.down().withDetail("reason", "interrupted").build();
                }
            };
        }
    }
}

package com.ecommerce.adapter.out.lock.support;

import com.ecommerce.adapter.out.lock.jdbc.JdbcLockAdapter;
import com.ecommerce.adapter.out.lock.hazelcast.HazelcastLockAdapter;
import com.ecommerce.adapter.out.lock.etcd.EtcdLockAdapter;
import com.ecommerce.adapter.out.lock.jvm.JvmLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.zookeeper.ZooKeeperLockAdapter;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.hazelcast.core.HazelcastInstance;
import io.etcd.jetcd.Client;
import org.apache.curator.framework.CuratorFramework;
import org.redisson.api.RedissonClient;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * Ways to break a lock adapter, so that its contract suite can be shown to catch them
 * ({@code LockStrategyContractCatchesBreakagesIT}). Each broken adapter is the production class with its
 * {@code acquire} overridden, run through the production {@code withLocks}: it still talks to its Redis, masters,
 * ZooKeeper, lock table, Hazelcast cluster or etcd, and only the one step named here is wrong.
 */
public enum Breakage {

    /** The production adapter, unchanged. */
    NONE,
    /** Takes a lock, but on keys of its own, fresh per call: it waits for nobody and nobody waits for it. */
    GRANTS_EVERYONE,
    /**
     * Takes the keys and gives them back before the work runs; in production the work opens and commits the
     * transaction, so this is a release before the commit.
     */
    RELEASES_BEFORE_THE_WORK_ENDS;

    AbstractLockAdapter.Held acquire(LockKeys keys, Deadline deadline,
                                     BiFunction<LockKeys, Deadline, AbstractLockAdapter.Held> production) {
        return switch (this) {
            case NONE -> production.apply(keys, deadline);
            case GRANTS_EVERYONE -> production.apply(keysOfNobodyElse(keys), deadline);
            case RELEASES_BEFORE_THE_WORK_ENDS -> {
                production.apply(keys, deadline).release();
                yield () -> {
                };
            }
        };
    }

    private static LockKeys keysOfNobodyElse(LockKeys keys) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<LockKey> own = keys.asList().stream()
                .map(key -> new LockKey(key.type(), random.nextLong(1L << 53, Long.MAX_VALUE))).toList();
        return LockKeys.of(own);
    }

    public LockStrategy jvm(LockMetrics metrics) {
        return this == NONE ? new JvmLockAdapter(true, metrics) : new BrokenJvm(this, metrics);
    }

    public LockStrategy redis(RedissonClient client, Duration lease, LockMetrics metrics) {
        return this == NONE ? new RedisLockAdapter(client, lease, metrics)
                : new BrokenRedis(this, client, lease, metrics);
    }

    public RedLockAdapter redlock(List<RedissonClient> masters, Duration lease, LockMetrics metrics) {
        return this == NONE ? new RedLockAdapter(masters, lease, metrics)
                : new BrokenRedLock(this, masters, lease, metrics);
    }

    public LockStrategy zookeeper(CuratorFramework client, String basePath, LockMetrics metrics) {
        return this == NONE ? new ZooKeeperLockAdapter(client, basePath, metrics)
                : new BrokenZooKeeper(this, client, basePath, metrics);
    }

    public LockStrategy jdbc(JdbcLockRegistry registry, Duration timeToLive, LockMetrics metrics) {
        return this == NONE ? new JdbcLockAdapter(registry, timeToLive, metrics)
                : new BrokenJdbc(this, registry, timeToLive, metrics);
    }

    public LockStrategy hazelcast(HazelcastInstance member, Duration lease, LockMetrics metrics) {
        return this == NONE ? new HazelcastLockAdapter(member, lease, metrics)
                : new BrokenHazelcast(this, member, lease, metrics);
    }

    public LockStrategy etcd(Client client, String prefix, Duration lease, LockMetrics metrics) {
        return this == NONE ? new EtcdLockAdapter(client, prefix, lease, metrics)
                : new BrokenEtcd(this, client, prefix, lease, metrics);
    }

    private static final class BrokenJvm extends JvmLockAdapter {
        private final Breakage breakage;

        BrokenJvm(Breakage breakage, LockMetrics metrics) {
            super(true, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenRedis extends RedisLockAdapter {
        private final Breakage breakage;

        BrokenRedis(Breakage breakage, RedissonClient client, Duration lease, LockMetrics metrics) {
            super(client, lease, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenRedLock extends RedLockAdapter {
        private final Breakage breakage;

        BrokenRedLock(Breakage breakage, List<RedissonClient> masters, Duration lease, LockMetrics metrics) {
            super(masters, lease, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenZooKeeper extends ZooKeeperLockAdapter {
        private final Breakage breakage;

        BrokenZooKeeper(Breakage breakage, CuratorFramework client, String basePath, LockMetrics metrics) {
            super(client, basePath, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenJdbc extends JdbcLockAdapter {
        private final Breakage breakage;

        BrokenJdbc(Breakage breakage, JdbcLockRegistry registry, Duration timeToLive, LockMetrics metrics) {
            super(registry, timeToLive, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenHazelcast extends HazelcastLockAdapter {
        private final Breakage breakage;

        BrokenHazelcast(Breakage breakage, HazelcastInstance member, Duration lease, LockMetrics metrics) {
            super(member, lease, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }

    private static final class BrokenEtcd extends EtcdLockAdapter {
        private final Breakage breakage;

        BrokenEtcd(Breakage breakage, Client client, String prefix, Duration lease, LockMetrics metrics) {
            super(client, prefix, lease, metrics);
            this.breakage = breakage;
        }

        @Override
        protected Held acquire(LockKeys keys, Deadline deadline) {
            return breakage.acquire(keys, deadline, super::acquire);
        }
    }
}

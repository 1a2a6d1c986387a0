package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.support.Breakage;

import java.util.List;

import static com.ecommerce.adapter.out.lock.StrategyUnderTest.JDBC;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.HAZELCAST;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.ETCD;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.JVM;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.QUEUED_REDIS;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.REDIS;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.REDLOCK;
import static com.ecommerce.adapter.out.lock.StrategyUnderTest.ZOOKEEPER;
import static com.ecommerce.adapter.out.lock.support.Breakage.GRANTS_EVERYONE;
import static com.ecommerce.adapter.out.lock.support.Breakage.RELEASES_BEFORE_THE_WORK_ENDS;

/**
 * The contract suite once per strategy and {@link Breakage}, for {@code LockStrategyContractCatchesBreakagesIT} to
 * run through the JUnit Platform's test kit and expect to fail. Named so that neither surefire nor failsafe runs
 * them on their own. {@code lock-redis} behind the local queue is broken in its shared lock, the queue left intact:
 * the queue excludes within one instance, so only a suite that contends across instances sees the breakage.
 */
final class BrokenAdapterContracts {

    private BrokenAdapterContracts() {
    }

    /** A broken suite: the strategy, the breakage and the class that runs it. */
    record Broken(StrategyUnderTest strategy, Breakage breakage, Class<? extends LockStrategyContractTest> suite) {
    }

    static final List<Broken> ALL = List.of(
            new Broken(JVM, GRANTS_EVERYONE, JvmGrantsEveryone.class),
            new Broken(JVM, RELEASES_BEFORE_THE_WORK_ENDS, JvmReleasesEarly.class),
            new Broken(QUEUED_REDIS, GRANTS_EVERYONE, QueuedRedisGrantsEveryone.class),
            new Broken(QUEUED_REDIS, RELEASES_BEFORE_THE_WORK_ENDS, QueuedRedisReleasesEarly.class),
            new Broken(REDIS, GRANTS_EVERYONE, RedisGrantsEveryone.class),
            new Broken(REDIS, RELEASES_BEFORE_THE_WORK_ENDS, RedisReleasesEarly.class),
            new Broken(REDLOCK, GRANTS_EVERYONE, RedLockGrantsEveryone.class),
            new Broken(REDLOCK, RELEASES_BEFORE_THE_WORK_ENDS, RedLockReleasesEarly.class),
            new Broken(ZOOKEEPER, GRANTS_EVERYONE, ZooKeeperGrantsEveryone.class),
            new Broken(ZOOKEEPER, RELEASES_BEFORE_THE_WORK_ENDS, ZooKeeperReleasesEarly.class),
            new Broken(JDBC, GRANTS_EVERYONE, JdbcGrantsEveryone.class),
            new Broken(JDBC, RELEASES_BEFORE_THE_WORK_ENDS, JdbcReleasesEarly.class),
            new Broken(HAZELCAST, GRANTS_EVERYONE, HazelcastGrantsEveryone.class),
            new Broken(HAZELCAST, RELEASES_BEFORE_THE_WORK_ENDS, HazelcastReleasesEarly.class),
            new Broken(ETCD, GRANTS_EVERYONE, EtcdGrantsEveryone.class),
            new Broken(ETCD, RELEASES_BEFORE_THE_WORK_ENDS, EtcdReleasesEarly.class));

    static final class JvmGrantsEveryone extends LockStrategyContractTest {
        JvmGrantsEveryone() {
            super(JVM, GRANTS_EVERYONE);
        }
    }

    static final class JvmReleasesEarly extends LockStrategyContractTest {
        JvmReleasesEarly() {
            super(JVM, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class QueuedRedisGrantsEveryone extends LockStrategyContractTest {
        QueuedRedisGrantsEveryone() {
            super(QUEUED_REDIS, GRANTS_EVERYONE);
        }
    }

    static final class QueuedRedisReleasesEarly extends LockStrategyContractTest {
        QueuedRedisReleasesEarly() {
            super(QUEUED_REDIS, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class RedisGrantsEveryone extends LockStrategyContractTest {
        RedisGrantsEveryone() {
            super(REDIS, GRANTS_EVERYONE);
        }
    }

    static final class RedisReleasesEarly extends LockStrategyContractTest {
        RedisReleasesEarly() {
            super(REDIS, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class RedLockGrantsEveryone extends LockStrategyContractTest {
        RedLockGrantsEveryone() {
            super(REDLOCK, GRANTS_EVERYONE);
        }
    }

    static final class RedLockReleasesEarly extends LockStrategyContractTest {
        RedLockReleasesEarly() {
            super(REDLOCK, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class ZooKeeperGrantsEveryone extends LockStrategyContractTest {
        ZooKeeperGrantsEveryone() {
            super(ZOOKEEPER, GRANTS_EVERYONE);
        }
    }

    static final class ZooKeeperReleasesEarly extends LockStrategyContractTest {
        ZooKeeperReleasesEarly() {
            super(ZOOKEEPER, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class JdbcGrantsEveryone extends LockStrategyContractTest {
        JdbcGrantsEveryone() {
            super(JDBC, GRANTS_EVERYONE);
        }
    }

    static final class JdbcReleasesEarly extends LockStrategyContractTest {
        JdbcReleasesEarly() {
            super(JDBC, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class HazelcastGrantsEveryone extends LockStrategyContractTest {
        HazelcastGrantsEveryone() {
            super(HAZELCAST, GRANTS_EVERYONE);
        }
    }

    static final class HazelcastReleasesEarly extends LockStrategyContractTest {
        HazelcastReleasesEarly() {
            super(HAZELCAST, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }

    static final class EtcdGrantsEveryone extends LockStrategyContractTest {
        EtcdGrantsEveryone() {
            super(ETCD, GRANTS_EVERYONE);
        }
    }

    static final class EtcdReleasesEarly extends LockStrategyContractTest {
        EtcdReleasesEarly() {
            super(ETCD, RELEASES_BEFORE_THE_WORK_ENDS);
        }
    }
}

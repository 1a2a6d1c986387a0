package com.ecommerce.benchmark.jmh;

import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one lock adapter costs per acquire + release, in process, against real Redis servers: 4 threads call
 * {@code withLocks(keys, 3 s, no work)} on the {@code lock-redis} adapter ({@link RedisLockAdapter}, one server) or
 * the {@code lock-redlock} adapter ({@link RedLockAdapter}, a quorum of independent masters), built as the service
 * builds them (lease 10 s). Parameters: {@code strategy}, {@code keys} per call, {@code contended} (true: every
 * thread locks the same keys; false: each its own). Measured: acquisitions per second; with
 * {@link ProcessCpuProfiler}, CPU per acquisition of this JVM (Redisson's Netty threads included) and of the Redis
 * servers, and the JIT's compilation time per iteration (a large figure means the iteration still paid for
 * warm-up). {@code failed}: calls that timed out or found the lock service unavailable.
 *
 * <p>The Redis servers come from the environment ({@link RedisNodes}); {@code benchmark/ab/lock-cost.sh} starts
 * servers of its own and runs this class through JMH.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(4)
public class LockCostBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(10);

    /** The adapter under test, shared by all threads, built once per trial. */
    @State(Scope.Benchmark)
    public static class Locks {

        @Param({"redis", "redlock"})
        public String strategy;

        LockPort port;
        Runnable shutdown;

        /** Keys of this trial start here, so that a trial never meets locks another one left behind. */
        long base;

        @Setup(Level.Trial)
        public void connect() {
            LockProperties.Redis tuning = new LockProperties.Redis("127.0.0.1", 6379, List.of(),
                    Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofMillis(100), null, false);
            LockMetrics metrics = new LockMetrics(new SimpleMeterRegistry(), strategy);
            List<String> nodes = RedisNodes.of(strategy);
            if (strategy.equals("redis")) {
                var client = RedissonClients.create(nodes.getFirst(), tuning);
                port = new RedisLockAdapter(client, LEASE, metrics);
                shutdown = client::shutdown;
            } else {
                var redLock = new RedLockAdapter(nodes.stream().map(a -> RedissonClients.create(a, tuning)).toList(),
                        LEASE, metrics);
                port = redLock;
                shutdown = redLock::shutdown;
            }
            base = System.nanoTime() % 1_000_000 * 1_000;
        }

        @TearDown(Level.Trial)
        public void disconnect() {
            shutdown.run();
        }
    }

    /** One calling thread's keys. */
    @State(Scope.Thread)
    public static class Caller {

        @Param({"1", "3"})
        public int keys;

        @Param({"false", "true"})
        public boolean contended;

        LockKeys lockKeys;

        @Setup(Level.Trial)
        public void keys(Locks locks, ThreadParams thread) {
            List<LockKey> chosen = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                chosen.add(LockKey.itemStock(locks.base + (contended ? 0 : thread.getThreadIndex() * 100L) + k));
            }
            lockKeys = LockKeys.of(chosen);
        }
    }

    /** Calls that did not get their locks, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Failures {

        public long failed;

        @Setup(Level.Iteration)
        public void reset() {
            failed = 0;
        }
    }

    @Benchmark
    public void withLocksAroundNoWork(Locks locks, Caller caller, Failures failures) {
        if (!acquireAndRelease(locks.port, caller.lockKeys)) {
            failures.failed++;
        }
    }

    /** The one call into the lock port: acquires {@code keys} within {@link #WAIT}, runs no work, releases them. */
    private static boolean acquireAndRelease(LockPort port, LockKeys keys) {
        try {
            return port.withLocks(keys, Deadline.after(WAIT), () -> Boolean.TRUE);
        } catch (LockTimeoutException | LockUnavailableException e) {
            return false;
        }
    }
}

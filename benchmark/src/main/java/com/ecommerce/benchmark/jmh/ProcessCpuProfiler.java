package com.ecommerce.benchmark.jmh;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per operation, for {@link LockCostBenchmark} ({@code -prof com.ecommerce.benchmark.jmh.ProcessCpuProfiler}):
 * per iteration, this JVM's CPU time (every thread of it: the callers, Redisson's Netty threads, the JIT, GC and
 * JMH's own) and the CPU time of the Redis servers of the benchmark's {@code strategy} parameter (utime + stime
 * from /proc of the pids their {@code INFO} gives, so only for servers on this machine), each over the operations of
 * the iteration; this JVM's CPU in cores, and the JIT's compilation time.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

    private static final double MICROS_PER_TICK = 10_000;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    private long[] redisPids;
    private long clientNanos;
    private long redisTicks;
    private long jitMillis;
    private long wallNanos;

    @Override
    public String getDescription() {
        return "CPU per operation of this JVM and of the Redis servers, JIT time per iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (redisPids == null) {
            String strategy = benchmarkParams.getParam("strategy");
            redisPids = strategy == null ? new long[0]
                    : RedisNodes.of(strategy).stream().mapToLong(RedisNodes::pid).toArray();
        }
        jitMillis = jit.getTotalCompilationTime();
        redisTicks = redisTicks();
        clientNanos = os.getProcessCpuTime();
        wallNanos = System.nanoTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        double seconds = (System.nanoTime() - wallNanos) / 1e9;
        long client = os.getProcessCpuTime() - clientNanos;
        long redisNow = redisTicks();
        long compiled = jit.getTotalCompilationTime() - jitMillis;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        List<ScalarResult> results = new ArrayList<>(List.of(
                new ScalarResult("client.cpu", client / 1e3 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult("client.cores", client / 1e9 / seconds, "cores", AggregationPolicy.AVG),
                new ScalarResult("jit.time", compiled, "ms", AggregationPolicy.SUM)));
        if (redisPids.length > 0 && redisTicks >= 0 && redisNow >= 0) {
            results.add(new ScalarResult("redis.cpu", (redisNow - redisTicks) * MICROS_PER_TICK / ops, "us/op",
                    AggregationPolicy.AVG));
        }
        return results;
    }

    /** utime + stime of the Redis servers, in clock ticks (100 a second); -1 when one cannot be read. */
    private long redisTicks() {
        long ticks = 0;
        for (long pid : redisPids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks;
    }
}

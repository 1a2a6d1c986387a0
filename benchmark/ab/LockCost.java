import com.ecommerce.adapter.out.lock.redis.RedLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedisLockAdapter;
import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.AbstractLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.domain.lock.LockKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one lock adapter costs per acquire + release, in process, against real Redis servers: THREADS threads loop
 * withLocks(keys, 3 s, no work) for WARMUP seconds, then for MEASURE seconds; printed: acquisitions per second, this
 * JVM's CPU per acquisition (Redisson's Netty threads included) and the Redis servers' CPU per acquisition (from
 * /proc of the pids given), and the JIT's compilation time within the window (a warm JVM compiles little; a large
 * figure means the window still paid for warm-up). Run by lock-cost.sh once per build, alternating builds, each in a
 * fresh JVM.
 *
 * <p>Arguments: strategy (redis | redlock), keys per call, threads, contended (true: every thread locks the same
 * keys; false: each its own), warm-up s, measure s, the Redis addresses (host:port for redis, redis://h:p,... for
 * redlock), the redis-server pids (comma-separated).
 */
public final class LockCost {

    public static void main(String[] args) throws Exception {
        String strategy = args[0];
        int keysPerCall = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean contended = Boolean.parseBoolean(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int measure = Integer.parseInt(args[5]);
        String addresses = args[6];
        long[] redisPids = Arrays.stream(args[7].split(",")).mapToLong(Long::parseLong).toArray();

        LockProperties.Redis tuning = new LockProperties.Redis("127.0.0.1", 6379, List.of(), Duration.ofMillis(500),
                Duration.ofMillis(500), 1, Duration.ofMillis(100));
        Duration lease = Duration.ofSeconds(10);
        LockMetrics metrics = new LockMetrics(new SimpleMeterRegistry(), strategy);
        AbstractLockAdapter adapter;
        Runnable shutdown;
        if (strategy.equals("redis")) {
            var client = RedissonClients.create("redis://" + addresses, tuning);
            adapter = new RedisLockAdapter(client, lease, metrics);
            shutdown = client::shutdown;
        } else {
            var redLock = new RedLockAdapter(Arrays.stream(addresses.split(","))
                    .map(a -> RedissonClients.create(a, tuning)).toList(), lease, metrics);
            adapter = redLock;
            shutdown = redLock::shutdown;
        }

        long base = System.nanoTime() % 1_000_000 * 1_000;
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            List<LockKey> keys = new ArrayList<>();
            for (int k = 0; k < keysPerCall; k++) {
                keys.add(LockKey.itemStock(base + (contended ? 0 : t * 100L) + k));
            }
            Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        try {
                            adapter.withLocks(keys, Duration.ofSeconds(3), () -> null);
                            done.increment();
                        } catch (RuntimeException e) {
                            failed.increment();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(warmup * 1_000L);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long ops0 = done.sum();
        long failed0 = failed.sum();
        long cpu0 = os.getProcessCpuTime();
        long redis0 = redisTicks(redisPids);
        long wall0 = System.nanoTime();
        Thread.sleep(measure * 1_000L);
        long ops = done.sum() - ops0;
        long fails = failed.sum() - failed0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long redis = redisTicks(redisPids) - redis0;
        double seconds = (System.nanoTime() - wall0) / 1e9;
        long jitMs = jit.getTotalCompilationTime() - jit0;
        stop.set(true);
        finished.await();
        shutdown.run();
        System.out.printf("RESULT strategy=%s keys=%d threads=%d contended=%s ops=%d failed=%d ops_per_s=%.0f "
                        + "client_cpu_us_per_op=%.1f redis_cpu_us_per_op=%.1f client_cores=%.2f jit_ms=%d%n",
                strategy, keysPerCall, threads, contended, ops, fails, ops / seconds, cpu / 1e3 / ops,
                redis * 10_000.0 / ops, cpu / 1e9 / seconds, jitMs);
    }

    /** utime + stime of the Redis servers, in clock ticks (100 a second). */
    private static long redisTicks(long[] pids) throws Exception {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }
}

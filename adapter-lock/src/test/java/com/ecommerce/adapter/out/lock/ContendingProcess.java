package com.ecommerce.adapter.out.lock;

import com.ecommerce.adapter.out.lock.support.Breakage;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM that contends for the same key as the test, as a second deployment of the service would: its own
 * instances with their own clients over the same Redis, masters or ZooKeeper (for Hazelcast, members of its own that
 * join the test's cluster), appending to the same {@link IntervalLog}. Started by the test ({@link #start}), it
 * connects, says it is ready (a file), waits for the test's go (another file), runs its contenders and exits 0, or 1
 * with what failed.
 */
final class ContendingProcess implements AutoCloseable {

    /** What every holder does inside the lock, in both processes: long enough for a second holder to land in it. */
    static final Duration HOLD = Duration.ofMillis(3);
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;

    private ContendingProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts the other JVM on this JVM's class path with {@code threads} contenders, each taking {@code key}
     * {@code rounds} times, and returns once it is connected and waits for {@link #go()}.
     */
    static ContendingProcess start(StrategyUnderTest strategy, Breakage breakage, LockKey key, int threads, int rounds,
                                   Path dir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ContendingProcess.class.getName(),
                strategy.name(), breakage.name(), strategy.server(), key.type() + ":" + key.id(),
                String.valueOf(threads), String.valueOf(rounds), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("process.out").toFile()).start();
        ContendingProcess other = new ContendingProcess(process, dir);
        long waitedMs = 0;
        while (!Files.exists(dir.resolve("ready"))) {
            if (!process.isAlive() || waitedMs > START_WITHIN.toMillis()) {
                other.close();
                throw new AssertionError("the other process was not ready within " + START_WITHIN + ":\n"
                        + other.output());
            }
            Thread.sleep(10);
            waitedMs += 10;
        }
        return other;
    }

    void go() {
        try {
            Files.createFile(dir.resolve("go"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the other process to finish its rounds; fails with its output unless it exited 0. */
    void awaitSuccess() throws InterruptedException, IOException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the other process still runs after 60 s:\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the other process exited with " + process.exitValue() + ":\n" + output());
        }
    }

    private String output() throws IOException {
        Path out = dir.resolve("process.out");
        return Files.exists(out) ? Files.readString(out) : "(no output)";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Takes {@code key} {@code rounds} times, logging each time held; the same in both processes. */
    static void contend(LockStrategy lock, LockKeys key, IntervalLog log, String holder, int rounds) {
        for (int r = 0; r < rounds; r++) {
            lock.withLocks(key, Deadline.after(ContractThreads.LONG_WAIT), () -> {
                log.enter(holder);
                ContractThreads.sleep(HOLD.toMillis());
                log.leave(holder);
                return null;
            });
        }
    }

    /** {@code strategy breakage server keyType:keyId threads rounds dir}; exits 0 when every contender is done. */
    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        StrategyUnderTest strategy = StrategyUnderTest.valueOf(args[0]);
        String[] keyParts = args[3].split(":");
        LockKeys key = LockKeys.of(new LockKey(LockKey.ResourceType.valueOf(keyParts[0]), Long.parseLong(keyParts[1])));
        int threads = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        Path dir = Path.of(args[6]);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (StrategyUnderTest.Instances instances = strategy.open(args[2], Breakage.valueOf(args[1]));
             IntervalLog log = IntervalLog.appendingTo(dir.resolve("intervals"))) {
            List<LockStrategy> locks = instances.strategies();
            // connect and warm up on keys of their own, so that the contended rounds do not wait for a handshake
            for (LockStrategy lock : locks) {
                for (int i = 0; i < 3; i++) {
                    lock.withLocks(LockKeys.of(LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52))),
                            Deadline.after(Duration.ofSeconds(30)), () -> null);
                }
            }
            Files.createFile(dir.resolve("ready"));
            long waitedMs = 0;
            while (!Files.exists(dir.resolve("go"))) {
                if (waitedMs++ > START_WITHIN.toMillis()) {
                    throw new IllegalStateException("no go within " + START_WITHIN);
                }
                Thread.sleep(1);
            }
            List<Thread> contenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LockStrategy lock = locks.get(t % locks.size());
                String holder = "there-" + t;
                contenders.add(Thread.ofPlatform().start(() -> {
                    try {
                        contend(lock, key, log, holder, rounds);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread contender : contenders) {
                contender.join();
            }
        }
        if (!failures.isEmpty()) {
            AssertionError failed = new AssertionError(failures.size() + " contenders failed");
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
    }
}

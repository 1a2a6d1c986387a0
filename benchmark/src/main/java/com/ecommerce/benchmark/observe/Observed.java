package com.ecommerce.benchmark.observe;

import com.ecommerce.benchmark.scenario.Auth;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark reads off the machine and the service: CPU time of processes, the service's own metrics (lock
 * wait and hold, and the time it takes to verify each bearer token).
 */
public final class Observed {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$");

    /** The threads of Curator's in-process ZooKeeper server (ZooKeeper 3.9's names). */
    private static final Pattern ZOOKEEPER_SERVER_THREAD = Pattern.compile("^(zkservermainrunner|NIOServerCxnFactory"
            + "|ConnnectionExpirer|SessionTracker|SyncThread:|ProcessThread\\(|RequestThrottler|ContainerManagerTask"
            + "|NIOWorkerThread-)");

    private Observed() {
    }

    /** CPU seconds (user + system) a process has used so far, from /proc; 0 where /proc is not available. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds (user + system) the JIT compiler threads of a JVM ({@code C1 CompilerThre...}, {@code C2
     * CompilerThre...}) have used so far, from /proc; 0 where /proc is not available. Compiler threads come and go
     * with the compile queue (HotSpot's UseDynamicNumberOfCompilerThreads), and one that ends takes its time with
     * it, so over a period this can only undercount, never count another thread's work.
     */
    public static double compilerCpuSeconds(long pid) {
        double seconds = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return seconds;
    }

    /**
     * CPU seconds this JVM has used so far: the load generator (its HTTP client, virtual threads, JIT and GC), and
     * with {@code lock-zookeeper} also the in-process ZooKeeper server (see {@link #zooKeeperServerCpuSeconds()}).
     */
    public static double ownCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /**
     * CPU seconds the in-process ZooKeeper server's threads have used so far (0 when none runs), so that its share
     * can be told apart from the load generator's. Threads that ended take their time with them; the server's are
     * long-lived.
     */
    public static double zooKeeperServerCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return 0;
        }
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && ZOOKEEPER_SERVER_THREAD.matcher(info.getThreadName()).find()) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** The pid of the local database server (mariadbd or mysqld), or -1. */
    public static long databasePid() {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String comm = Files.readString(p.resolve("comm")).strip();
                    return comm.equals("mariadbd") || comm.equals("mysqld");
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The pid of the local etcd serving the first of {@code endpoints} (its {@code comm} is etcd and its command line
     * names the endpoint), or -1: an etcd named by the environment was started by someone else, maybe elsewhere.
     */
    public static long etcdPid(String endpoints) {
        return serverPid("etcd", "://" + URI.create(endpoints.split(",")[0].strip()).getAuthority());
    }

    /** The pid of the local {@code redis-server} serving {@code host:port} (its process title names it), or -1. */
    public static long redisPid(String hostPort) {
        return serverPid("redis-server", hostPort);
    }

    /** The pid of a local process named {@code comm} whose command line names {@code address}, or -1. */
    private static long serverPid(String comm, String address) {
        Pattern endpoint = Pattern.compile(Pattern.quote(address) + "(?![0-9])");
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).strip().equals(comm)
                            && endpoint.matcher(Files.readString(p.resolve("cmdline"))).find();
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The timer the service records around every token verification (signature and claims), as Prometheus names it:
     * {@code _count} decodes, {@code _sum} seconds of wall time.
     */
    public static final String DECODE_COUNT = "ecommerce_security_jwt_decode_seconds_count";
    public static final String DECODE_SUM = "ecommerce_security_jwt_decode_seconds_sum";
    /** Keys of {@link #serviceMetrics}: the timer's count and sum over all its tags, if a deployment adds some. */
    public static final String DECODES = DECODE_COUNT + "{*}";
    public static final String DECODE_SECONDS = DECODE_SUM + "{*}";

    /**
     * The service's own metrics ({@code ecommerce_*}) of the instances, summed: name{labels} -> value. Read from
     * {@code /actuator/prometheus}, which only an administrator may read; this request's own token is verified too,
     * and its decode is already in the figures it answers (the decoder runs before the endpoint), so a scrape after a
     * period counts one decode per instance that the period's load did not cause. Fails if an instance does not
     * answer 200 or does not expose the decode timer: a missing figure must never read as zero.
     */
    public static Map<String, Double> serviceMetrics(List<ServiceInstance> instances) {
        Map<String, Double> sums = new HashMap<>();
        for (ServiceInstance instance : instances) {
            Http.Response scrape = Http.get(instance, "/actuator/prometheus", Auth.ADMIN);
            if (scrape.status() != 200) {
                throw new IllegalStateException(instance.name() + ": GET /actuator/prometheus as ADMIN answered "
                        + scrape.status() + " " + scrape.body());
            }
            Map<String, Double> own = new HashMap<>();
            for (String line : scrape.body().split("\n")) {
                if (!line.startsWith("ecommerce_")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line.strip());
                if (m.matches() && !m.group(1).endsWith("_bucket")) {
                    double value = Double.parseDouble(m.group(3));
                    own.merge(m.group(1) + (m.group(2) == null ? "" : m.group(2)), value, Double::sum);
                    if (m.group(1).equals(DECODE_COUNT)) {
                        own.merge(DECODES, value, Double::sum);
                    } else if (m.group(1).equals(DECODE_SUM)) {
                        own.merge(DECODE_SECONDS, value, Double::sum);
                    }
                }
            }
            if (!own.containsKey(DECODES) || !own.containsKey(DECODE_SECONDS)) {
                throw new IllegalStateException(instance.name() + " does not expose " + DECODE_COUNT + " and "
                        + DECODE_SUM + " (the timer of token verification): the cost of authentication cannot be read");
            }
            own.forEach((key, value) -> sums.merge(key, value, Double::sum));
        }
        return sums;
    }

    /** Key prefix of {@link #schedules}: {@code sched:<pid>/<tid>:run} and {@code :wait}, in seconds. */
    private static final String SCHED = "sched:";

    /**
     * Per thread of the instances: seconds on a CPU and seconds runnable but waiting for one, from
     * {@code /proc/<pid>/task/<tid>/schedstat} (the kernel's scheduler statistics, in nanoseconds). Empty where
     * {@code /proc} does not have them.
     */
    public static Map<String, Double> schedules(List<ServiceInstance> instances) {
        Map<String, Double> times = new HashMap<>();
        for (ServiceInstance instance : instances) {
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(instance.pid()), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
                        String key = SCHED + instance.pid() + "/" + task.getFileName();
                        times.put(key + ":run", Long.parseLong(fields[0]) / 1e9);
                        times.put(key + ":wait", Long.parseLong(fields[1]) / 1e9);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended between the listing and the read
                    }
                });
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
        }
        return times;
    }

    /**
     * Of the time the instances' threads were runnable between two samples of {@link #schedules}, the share they
     * spent on a CPU: {@code run / (run + wait)} over the threads of both samples and those born in between (a thread
     * that ended took its figures with it). A stretch of pure computation, such as a token's verification, takes on
     * average its CPU time divided by this share in wall time: it is preempted in proportion to its length, then waits
     * as every runnable thread does. Null when the figures are missing or no thread ran.
     */
    public static Double onCpuShare(Map<String, Double> before, Map<String, Double> after) {
        double run = 0;
        double wait = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            if (!e.getKey().startsWith(SCHED)) {
                continue;
            }
            double grown = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (e.getKey().endsWith(":run")) {
                run += grown;
            } else {
                wait += grown;
            }
        }
        return run <= 0 ? null : run / (run + wait);
    }

    public static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }
}

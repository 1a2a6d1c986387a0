package com.ecommerce.benchmark;

import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark reads off the machine and the service: CPU time of processes, lock metrics of the service. */
final class Observed {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$");

    /** The threads of Curator's in-process ZooKeeper server (ZooKeeper 3.9's names). */
    private static final Pattern ZOOKEEPER_SERVER_THREAD = Pattern.compile("^(zkservermainrunner|NIOServerCxnFactory"
            + "|ConnnectionExpirer|SessionTracker|SyncThread:|ProcessThread\\(|RequestThrottler|ContainerManagerTask"
            + "|NIOWorkerThread-)");

    private Observed() {
    }

    /** CPU seconds (user + system) a process has used so far, from /proc; 0 where /proc is not available. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds this JVM has used so far: the load generator (its HTTP client, virtual threads, JIT and GC), and
     * with {@code lock-zookeeper} also the in-process ZooKeeper server (see {@link #zooKeeperServerCpuSeconds()}).
     */
    static double ownCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /**
     * CPU seconds the in-process ZooKeeper server's threads have used so far (0 when none runs), so that its share
     * can be told apart from the load generator's. Threads that ended take their time with them; the server's are
     * long-lived.
     */
    static double zooKeeperServerCpuSeconds() {
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
    static long databasePid() {
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

    /** The lock metrics of the instances, summed: name{labels} -> value. */
    static Map<String, Double> lockMetrics(List<ServiceInstance> instances) {
        Map<String, Double> sums = new HashMap<>();
        for (ServiceInstance instance : instances) {
            String text = Http.get(instance, "/actuator/prometheus").body();
            for (String line : text.split("\n")) {
                if (!line.startsWith("ecommerce_lock_")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line.strip());
                if (m.matches() && !m.group(1).endsWith("_bucket")) {
                    String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                    sums.merge(key, Double.parseDouble(m.group(3)), Double::sum);
                }
            }
        }
        return sums;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }
}

package com.ecommerce.benchmark;

import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.io.IOException;
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

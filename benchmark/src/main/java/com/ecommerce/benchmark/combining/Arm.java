package com.ecommerce.benchmark.combining;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One arm of one strategy, summed over its blocks. */
public final class Arm {

    static final String[] SIZE_CLASSES = {"1", "2-4", "5-8", "9-16", "17-32", "33-64", "65+"};

    final String strategy;
    final String name;
    final int instances;
    final boolean combining;
    final Histogram latency = new Histogram(3);
    final List<Double> blockThroughputs = new ArrayList<>();
    final Map<String, Double> batches = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    double seconds;
    long ok;
    long requests;
    final Map<String, Long> outcomes = new TreeMap<>();
    double serviceCpu;
    /** Of {@link #serviceCpu}, what the services' JIT compiler threads used. */
    double serviceCompilerCpu;
    double databaseCpu;
    double batchOrders;
    double batchCount;

    Arm(String strategy, String name, int instances, boolean combining) {
        this.strategy = strategy;
        this.name = name;
        this.instances = instances;
        this.combining = combining;
        for (String size : SIZE_CLASSES) {
            batches.put(size, 0.0);
        }
    }

    double throughput() {
        return seconds == 0 ? 0 : ok / seconds;
    }

    Double cpuMsPerOk() {
        return ok == 0 ? null : 1000 * serviceCpu / ok;
    }

    Double compilerCpuMsPerOk() {
        return ok == 0 ? null : 1000 * serviceCompilerCpu / ok;
    }

    double p50() {
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    double p99() {
        return latency.getValueAtPercentile(99) / 1000.0;
    }

    public String strategy() {
        return strategy;
    }

    public String name() {
        return name;
    }

    public int instances() {
        return instances;
    }

    /** Whether the arm's instances combine orders (the service's default) or not. */
    public boolean combining() {
        return combining;
    }

    /** What makes the arm's figures wrong: a failed check of the database, an unexpected answer. */
    public List<String> problems() {
        return problems;
    }

    /** Batches the service counted over the measured periods. */
    public double batchCount() {
        return batchCount;
    }

    /** Orders in those batches. */
    public double batchOrders() {
        return batchOrders;
    }
}

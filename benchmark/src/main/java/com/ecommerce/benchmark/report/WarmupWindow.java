package com.ecommerce.benchmark.report;

/**
 * One window of a strategy's JIT warm-up (mixed load on both of its fresh instances), {@code fromSeconds} to
 * {@code toSeconds} after the load started: successful requests per second, CPU milliseconds of both service
 * processes per successful request, their CPU in cores, and this JVM's.
 */
public record WarmupWindow(double fromSeconds, double toSeconds, double throughput, Double serviceCpuMsPerOk,
                           double serviceCpuCores, double generatorCpuCores) {
}

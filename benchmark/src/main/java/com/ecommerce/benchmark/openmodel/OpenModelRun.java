package com.ecommerce.benchmark.openmodel;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run of the open-model experiment: the closed loop that finds the peak ({@code fraction} null, no
 * offered rate, its latency both the response and the service time: a closed loop sends each request when the
 * previous one is answered, so it never waits for its own send) or an open-model run at a fraction of that peak.
 * {@code requests}: requests due in the measured period (the closed loop: sent in it), {@code notSent}: those of them
 * that met the cap of requests in flight; {@code response} and {@code service} hold one time per request sent, in
 * microseconds; {@code achievedPerSecond}: successes answered per second of the measured period, which the CPU is
 * divided by; {@code serviceCpu}, {@code databaseCpu}: CPU seconds of the service process and of the database during
 * it; {@code problems}: a failed check of the database or an answer the hot item must never give.
 */
public record OpenModelRun(String strategy, Double fraction, Double offeredPerSecond, double achievedPerSecond,
                           double seconds, long requests, long notSent, int peakInFlight, Map<String, Long> outcomes,
                           Histogram response, Histogram service, double serviceCpu, double databaseCpu,
                           List<String> problems) {

    /** The closed loop's run, not an open-model one. */
    public boolean closed() {
        return fraction == null;
    }

    /** Requests sent in the measured period (due and not refused by the cap). */
    public long sent() {
        return requests - notSent;
    }

    /** Service CPU milliseconds per success answered in the measured period; null when there was none. */
    public Double cpuMsPerOk() {
        double ok = achievedPerSecond * seconds;
        return ok < 0.5 ? null : 1000 * serviceCpu / ok;
    }

    /** The response time (from the intended send) at {@code percentile}, in milliseconds. */
    public double responseMs(double percentile) {
        return response.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The service time (from the actual send) at {@code percentile}, in milliseconds. */
    public double serviceMs(double percentile) {
        return service.getValueAtPercentile(percentile) / 1000.0;
    }

    /** "closed loop, 64 clients" or "open, 0.75 x peak". */
    public String name(int clients) {
        return closed() ? "closed loop, " + clients + " clients" : String.format(Locale.ROOT,
                "open, %.2f x peak", fraction);
    }
}

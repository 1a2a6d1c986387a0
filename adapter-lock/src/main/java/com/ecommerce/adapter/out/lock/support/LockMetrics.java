package com.ecommerce.adapter.out.lock.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Per strategy: how long requests wait for their locks ({@code ecommerce.lock.wait}, by outcome), how long they
 * hold them ({@code ecommerce.lock.hold}), and failures ({@code ecommerce.lock.failures}: timeout, unavailable,
 * lost). Exposed at {@code /actuator/prometheus} with histograms, so percentiles can be computed there.
 */
public final class LockMetrics {

    private final Timer waitAcquired;
    private final Timer waitTimeout;
    private final Timer waitUnavailable;
    private final Timer hold;
    private final Counter timeouts;
    private final Counter unavailable;
    private final Counter lost;

    public LockMetrics(MeterRegistry registry, String strategy) {
        this.waitAcquired = waitTimer(registry, strategy, "acquired");
        this.waitTimeout = waitTimer(registry, strategy, "timeout");
        this.waitUnavailable = waitTimer(registry, strategy, "unavailable");
        this.hold = Timer.builder("ecommerce.lock.hold").description("Time locks were held (work and commit)")
                .tag("strategy", strategy).publishPercentileHistogram().register(registry);
        this.timeouts = failures(registry, strategy, "timeout");
        this.unavailable = failures(registry, strategy, "unavailable");
        this.lost = failures(registry, strategy, "lost");
    }

    private static Timer waitTimer(MeterRegistry registry, String strategy, String outcome) {
        return Timer.builder("ecommerce.lock.wait").description("Time spent acquiring all locks of a request")
                .tag("strategy", strategy).tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    private static Counter failures(MeterRegistry registry, String strategy, String reason) {
        return Counter.builder("ecommerce.lock.failures").description("Lock acquisitions that failed, and locks lost")
                .tag("strategy", strategy).tag("reason", reason).register(registry);
    }

    /** When a measured step starts: the value to hand back to {@link #acquired}, {@link #held} and the others. */
    public static long start() {
        return System.nanoTime();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public void acquired(long startNanos) {
        waitAcquired.record(since(startNanos));
    }

    public void timedOut(long startNanos) {
        waitTimeout.record(since(startNanos));
        timeouts.increment();
    }

    public void unavailable(long startNanos) {
        waitUnavailable.record(since(startNanos));
        unavailable.increment();
    }

    public void held(long startNanos) {
        hold.record(since(startNanos));
    }

    /** A lock that was no longer ours when we released it (its lease expired). */
    public void lost() {
        lost.increment();
    }
}

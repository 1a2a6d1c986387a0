package com.ecommerce.benchmark.run;

import com.ecommerce.benchmark.scenario.Scenario;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long and how hard one mode runs. {@code jit}: unmeasured mixed load on both fresh instances before a
 * strategy's first scenario, so that the first scenario is not measured on a cold JIT (zero in quick mode, which
 * measures nothing). Full mode measures each run for 5 s, so that with the bursts and the 60 s warm-ups it stays under
 * about 25 minutes. {@code runsOnBurstInstances}: the runs reuse the two-instance burst instances instead of two of
 * their own (quick mode: three service start-ups per strategy instead of five). {@code paymentWarmup} and
 * {@code paymentMeasure}: the periods of the payment scenarios' runs, in full mode the others'; quick mode, a check of
 * correctness, measures them without a warm-up (each instance's first payment is made before the load, see
 * {@link Scenario#pays()}) and runs fewer of them ({@link Scenario#on}).
 */
public record Settings(String mode, Duration jit, Duration warmup, Duration measure, Duration baseline,
                       int lostThreads, int lostEach, int deadlockThreads, int deadlockEach,
                       boolean runsOnBurstInstances, int abBlocks, Duration paymentWarmup, Duration paymentMeasure) {

    /** {@code quick} or {@code full}, with {@code jit} and {@code measure} overriding the mode's (blank: its own). */
    public static Settings of(String mode, String jit, String measure) {
        Settings settings = mode.equals("full")
                ? new Settings(mode, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 64, 50, 16, 100, false, 3, Duration.ofSeconds(2), Duration.ofSeconds(5))
                : new Settings(mode, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 16, 20, 8, 20, true, 1, Duration.ZERO, Duration.ofSeconds(1));
        boolean measured = measure != null && !measure.isBlank();
        return new Settings(mode, jit == null || jit.isBlank() ? settings.jit() : duration(jit),
                settings.warmup(), measured ? duration(measure) : settings.measure(),
                settings.baseline(), settings.lostThreads(), settings.lostEach(), settings.deadlockThreads(),
                settings.deadlockEach(), settings.runsOnBurstInstances(), settings.abBlocks(), settings.paymentWarmup(),
                measured ? duration(measure) : settings.paymentMeasure());
    }

    /**
     * The instance counts of a strategy's bursts, each on instances of their own: one, then two; {@code jvm} one only
     * (two JVM locks exclude nothing across instances). Quick mode, a check of correctness as every build runs it,
     * skips the one-instance bursts of the shared locks: their two-instance bursts race the same lock harder.
     */
    public List<Integer> burstInstances(String strategy) {
        if (strategy.equals("jvm")) {
            return List.of(1);
        }
        return quick() ? List.of(2) : List.of(1, 2);
    }

    /** Quick mode: a check of correctness, as every build runs it. */
    public boolean quick() {
        return !mode.equals("full");
    }

    public Duration warmupOf(Scenario scenario) {
        return scenario.pays() ? paymentWarmup : warmup;
    }

    public Duration measureOf(Scenario scenario) {
        return scenario.pays() ? paymentMeasure : measure;
    }

    /** The duration in system property {@code name} (see {@link #duration}), {@code fallback} when it is unset or blank. */
    public static Duration property(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : duration(value);
    }

    /** {@code 90s}, {@code 2m}, {@code 500ms}, {@code 90} (seconds) or ISO-8601 ({@code PT90S}). */
    public static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }
}

package com.ecommerce.benchmark.load;

import com.ecommerce.systemtest.support.Http;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A closed-loop load generator: {@code concurrency} virtual threads, each sending its next request as soon as the
 * previous one is answered (Java's HttpClient), for a warm-up and then a measured period. Latency of the measured
 * period goes into an HdrHistogram; every outcome of both periods is counted, so that correctness can be checked
 * against everything that was sent. A probe (cumulative counters such as CPU seconds of processes) is sampled exactly
 * when the measured period starts and ends, and optionally at the end of each window of it (a warm-up curve). A slow
 * probe (the service's metrics, an HTTP request) is sampled just outside it: right before the probe at the start and
 * right after it at the end, so that its own time does not widen the period the probe measures.
 */
public final class LoadGenerator {

    /**
     * What one run produced. {@code outcomes} and {@code measuredOkByKind} count the answers of the measured period,
     * {@code everyOutcome} every answer (warm-up, measured period, and the requests still in flight when it ended);
     * {@code okByKind} and {@code okTotal} count the successes of all of them;
     * {@code probeDelta} is how much each value of the probe grew during the measured period only;
     * {@code slowBefore} and {@code slowAfter}: the slow probe's samples at the edges of the measured period.
     */
    public record Result(double seconds, long measuredRequests, Histogram latencyMicros, Map<String, Long> outcomes,
                  Map<String, Long> measuredOkByKind, Map<String, Long> everyOutcome, Map<String, Long> okByKind,
                  long okTotal, double[] probeDelta, List<Window> windows, Map<String, Double> slowBefore,
                  Map<String, Double> slowAfter) {
        public double throughput() {
            return okMeasured() / seconds;
        }

        public long okMeasured() {
            return outcomes.getOrDefault("OK", 0L);
        }
    }

    /**
     * One window of the measured period: when it started (seconds after the start of the measured period), how long
     * it lasted, its successes and requests, and how much each value of the probe grew during it.
     */
    public record Window(double startSeconds, double seconds, long ok, long requests, double[] probeDelta) {
    }

    /** A request and the kind of work it was (for scenario checks: "order", "charge", "read"). */
    public record Sent(String kind, Http.Response response) {
    }

    private LoadGenerator() {
    }

    public static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request) {
        return run(label, concurrency, warmup, measure, request, () -> new double[0]);
    }

    /**
     * As above, sampling {@code probe} (cumulative counters, e.g. CPU seconds of processes) exactly when the measured
     * period starts and ends.
     */
    public static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request, Supplier<double[]> probe) {
        return run(label, concurrency, warmup, measure, request, probe, Duration.ZERO);
    }

    /** As above, also sampling the probe and the counts at the end of every {@code window} (none when zero). */
    public static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request, Supplier<double[]> probe, Duration window) {
        return run(label, concurrency, warmup, measure, request, probe, window, Map::of);
    }

    /** As above, also sampling {@code slowProbe} just outside the measured period (see the class comment). */
    public static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request, Supplier<double[]> probe, Duration window,
                      Supplier<Map<String, Double>> slowProbe) {
        Recorder recorder = new Recorder(3);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, LongAdder> measuredOkByKind = new ConcurrentHashMap<>();
        Map<String, LongAdder> everyOutcome = new ConcurrentHashMap<>();
        Map<String, LongAdder> okByKind = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong measured = new AtomicLong();
        AtomicLong measuredOk = new AtomicLong();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < concurrency; i++) {
            threads.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    long start = System.nanoTime();
                    Sent sent = request.apply(random);
                    long micros = (System.nanoTime() - start) / 1_000;
                    String outcome = sent.response().outcome();
                    everyOutcome.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    if ("OK".equals(outcome)) {
                        okByKind.computeIfAbsent(sent.kind(), k -> new LongAdder()).increment();
                    }
                    if (measuring.get()) {
                        recorder.recordValue(Math.max(1, micros));
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        if ("OK".equals(outcome)) {
                            measuredOk.incrementAndGet();
                            measuredOkByKind.computeIfAbsent(sent.kind(), k -> new LongAdder()).increment();
                        }
                        measured.incrementAndGet();
                    }
                }
            });
        }
        Measured m;
        try {
            m = measure(label, warmup, measure, probe, window, slowProbe, recorder, measuring, measured, measuredOk);
        } finally {
            // also when a probe fails: clients left running would load the machine for the rest of the benchmark
            running.set(false);
            threads.shutdown();
            try {
                threads.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // counted once every client has stopped: the checks compare the database with every success, late ones too
        Map<String, Long> ok = sums(okByKind);
        return new Result(m.seconds(), measured.get(), m.histogram(), sums(outcomes), sums(measuredOkByKind),
                sums(everyOutcome), ok, ok.values().stream().mapToLong(Long::longValue).sum(), m.probeDelta(),
                m.windows(), m.slowBefore(), m.slowAfter());
    }

    /** The counters' sums, by key in order. */
    static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }

    /** What the measured period produced, before the clients stop. */
    private record Measured(double seconds, Histogram histogram, double[] probeDelta, List<Window> windows,
                            Map<String, Double> slowBefore, Map<String, Double> slowAfter) {
    }

    private static Measured measure(String label, Duration warmup, Duration measure, Supplier<double[]> probe,
                                    Duration window, Supplier<Map<String, Double>> slowProbe, Recorder recorder,
                                    AtomicBoolean measuring, AtomicLong measured, AtomicLong measuredOk) {
        sleep(warmup);
        recorder.reset();
        Map<String, Double> slowBefore = slowProbe.get();
        double[] probeBefore = probe.get();
        measuring.set(true);
        long started = System.nanoTime();
        long end = started + measure.toNanos();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(5);
        List<Window> windows = new ArrayList<>();
        long windowNanos = window.toNanos();
        long windowStart = started;
        long windowEnd = windowNanos > 0 ? Math.min(end, started + windowNanos) : Long.MAX_VALUE;
        double[] windowProbe = probeBefore.clone();
        long windowOk = 0;
        long windowRequests = 0;
        while (System.nanoTime() < end) {
            long wake = Math.min(end, windowEnd);
            sleep(Duration.ofMillis(Math.min(250, Math.max(1, (wake - System.nanoTime()) / 1_000_000))));
            long now = System.nanoTime();
            if (now >= windowEnd && now < end) {
                long ok = measuredOk.get();
                long requests = measured.get();
                double[] sample = probe.get();
                windows.add(window(windowStart, started, now, ok - windowOk, requests - windowRequests, sample,
                        windowProbe));
                windowStart = now;
                windowEnd = Math.min(end, windowEnd + windowNanos);
                windowProbe = sample;
                windowOk = ok;
                windowRequests = requests;
            }
            if (System.nanoTime() > nextProgress) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                System.out.printf("[bench] %s: %.0f s, %d requests, %.0f req/s%n", label, elapsed, measured.get(),
                        measured.get() / elapsed);
                nextProgress += TimeUnit.SECONDS.toNanos(5);
            }
        }
        measuring.set(false);
        long stopped = System.nanoTime();
        double seconds = (stopped - started) / 1e9;
        double[] probeAfter = probe.get();
        Map<String, Double> slowAfter = slowProbe.get();
        if (windowNanos > 0) {
            windows.add(window(windowStart, started, stopped, measuredOk.get() - windowOk,
                    measured.get() - windowRequests, probeAfter, windowProbe));
        }
        double[] probeDelta = probeAfter.clone();
        for (int i = 0; i < probeDelta.length; i++) {
            probeDelta[i] -= probeBefore[i];
        }
        return new Measured(seconds, recorder.getIntervalHistogram(), probeDelta, windows, slowBefore, slowAfter);
    }

    private static Window window(long from, long started, long to, long ok, long requests, double[] probeAt,
                                 double[] probeBefore) {
        double[] delta = probeAt.clone();
        for (int i = 0; i < delta.length; i++) {
            delta[i] -= probeBefore[i];
        }
        return new Window((from - started) / 1e9, (to - from) / 1e9, ok, requests, delta);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.ecommerce.benchmark;

import com.ecommerce.systemtest.support.Http;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
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
 * against everything that was sent.
 */
final class LoadGenerator {

    /**
     * What one run produced. {@code okTotal} counts successes of the warm-up and the measured period;
     * {@code probeDelta} is how much each value of the probe grew during the measured period only.
     */
    record Result(double seconds, long measuredRequests, Histogram latencyMicros, Map<String, Long> outcomes,
                  Map<String, Long> okByKind, long okTotal, double[] probeDelta) {
        double throughput() {
            return outcomes.getOrDefault("OK", 0L) / seconds;
        }
    }

    /** A request and the kind of work it was (for scenario checks: "order", "charge", "read"). */
    record Sent(String kind, Http.Response response) {
    }

    private LoadGenerator() {
    }

    static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request) {
        return run(label, concurrency, warmup, measure, request, () -> new double[0]);
    }

    /**
     * As above, sampling {@code probe} (cumulative counters, e.g. CPU seconds of processes) exactly when the measured
     * period starts and ends.
     */
    static Result run(String label, int concurrency, Duration warmup, Duration measure,
                      Function<ThreadLocalRandom, Sent> request, Supplier<double[]> probe) {
        Recorder recorder = new Recorder(3);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, LongAdder> okByKind = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong measured = new AtomicLong();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < concurrency; i++) {
            threads.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    long start = System.nanoTime();
                    Sent sent = request.apply(random);
                    long micros = (System.nanoTime() - start) / 1_000;
                    String outcome = sent.response().outcome();
                    if ("OK".equals(outcome)) {
                        okByKind.computeIfAbsent(sent.kind(), k -> new LongAdder()).increment();
                    }
                    if (measuring.get()) {
                        recorder.recordValue(Math.max(1, micros));
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        measured.incrementAndGet();
                    }
                }
            });
        }
        sleep(warmup);
        recorder.reset();
        double[] probeBefore = probe.get();
        measuring.set(true);
        long started = System.nanoTime();
        long end = started + measure.toNanos();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            sleep(Duration.ofMillis(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
            if (System.nanoTime() > nextProgress) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                System.out.printf("[bench] %s: %.0f s, %d requests, %.0f req/s%n", label, elapsed, measured.get(),
                        measured.get() / elapsed);
                nextProgress += TimeUnit.SECONDS.toNanos(5);
            }
        }
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] probeDelta = probe.get();
        for (int i = 0; i < probeDelta.length; i++) {
            probeDelta[i] -= probeBefore[i];
        }
        Histogram histogram = recorder.getIntervalHistogram();
        running.set(false);
        threads.shutdown();
        try {
            threads.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        Map<String, Long> ok = new TreeMap<>();
        okByKind.forEach((k, v) -> ok.put(k, v.sum()));
        return new Result(seconds, measured.get(), histogram, counted, ok,
                ok.values().stream().mapToLong(Long::longValue).sum(), probeDelta);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

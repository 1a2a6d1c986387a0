package com.ecommerce.benchmark.load;

import com.ecommerce.benchmark.load.LoadGenerator.Sent;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An open-model load generator: requests arrive at a fixed rate, each sent at its scheduled time whether or not the
 * earlier ones were answered, on a virtual thread of its own (Java's HttpClient underneath), as the users of a shop
 * arrive whether or not the shop is slow. Request {@code i} is due at {@code start + i / rate}; one platform thread
 * keeps the schedule and, when it is late (the machine's two cores are shared with the service), sends what is due at
 * once without moving the schedule.
 *
 * <p>No coordinated omission: the <em>response time</em> of a request is measured from its intended send time, so a
 * stall of the service (or of this generator) counts for every request that was due during it; the <em>service
 * time</em> is measured from the actual send. Both go into HdrHistograms. Requests in flight are capped
 * ({@code maxInFlight}); a request due while the cap is reached is not sent and is counted as its own outcome,
 * {@link #NOT_SENT}, instead of being delayed (which would quietly lower the offered rate).
 *
 * <p>Periods: a warm-up at the same rate, then the measured period. The measured requests are those <em>due</em> in
 * the measured period: their outcomes are counted and their times recorded once they are answered, however late.
 * After the period the schedule goes on (the same load, unmeasured) until every measured request is answered, so that
 * the last ones do not meet an emptier service than the first. The probe (cumulative counters such as CPU seconds of
 * processes) is sampled exactly when the measured period starts and ends, and so are the successes answered, which
 * give the achieved rate (successes answered during the period per second) that the probe's CPU is divided by.
 */
public final class OpenLoadGenerator {

    /** The outcome of a request that was due while {@code maxInFlight} requests were in flight: never sent. */
    public static final String NOT_SENT = "NOT_SENT_IN_FLIGHT_CAP";

    /** How many requests may be in flight at once unless the caller says otherwise. */
    public static final int MAX_IN_FLIGHT = 4096;

    /** How long the schedule goes on after the measured period at most, waiting for its last answers. */
    private static final Duration TAIL_LIMIT = Duration.ofSeconds(60);

    /**
     * What one run produced. {@code ratePerSecond}: the offered rate; {@code due}: requests due in the measured
     * period, of which {@code sent} were sent and {@code notSent} met the cap; {@code responseMicros} (from the
     * intended send) and {@code serviceMicros} (from the actual send) hold one value per measured request sent;
     * {@code outcomes} counts the measured requests by outcome, {@link #NOT_SENT} included; {@code okInPeriod}: the
     * successes answered during the measured period (any request's); {@code everyOutcome} and {@code okByKind} count
     * every request of the run (warm-up, measured, tail), for checks against the database; {@code peakInFlight}: the
     * most requests in flight at once during the run; {@code probeDelta}: how much each value of the probe grew
     * during the measured period.
     */
    public record Result(double ratePerSecond, double seconds, long due, long sent, long notSent,
                         Histogram responseMicros, Histogram serviceMicros, Map<String, Long> outcomes,
                         long okInPeriod, Map<String, Long> everyOutcome, Map<String, Long> okByKind,
                         int peakInFlight, double[] probeDelta) {

        /** Successes answered per second of the measured period. */
        public double achievedPerSecond() {
            return okInPeriod / seconds;
        }
    }

    private OpenLoadGenerator() {
    }

    /**
     * Offers {@code ratePerSecond} requests per second for {@code warmup}, then for {@code measure} (measured), then
     * until the measured requests are answered; see the class comment.
     */
    public static Result run(String label, double ratePerSecond, int maxInFlight, Duration warmup, Duration measure,
                             Function<ThreadLocalRandom, Sent> request, Supplier<double[]> probe) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        Schedule schedule = new Schedule(ratePerSecond, maxInFlight, request);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        Thread scheduler = Thread.ofPlatform().name("open-load-" + label).start(
                () -> schedule.keep(start, measureFrom, measureTo));
        double[] before;
        double[] after;
        long okBefore;
        long okAfter;
        try {
            sleepUntil(measureFrom);
            okBefore = schedule.okAnswered.sum();
            before = probe.get();
            long progress = measureFrom + TimeUnit.SECONDS.toNanos(5);
            while (progress < measureTo) {
                sleepUntil(progress);
                System.out.printf("[bench] %s: %.0f s, %d due, %d in flight%n", label,
                        (progress - measureFrom) / 1e9, schedule.due.get(), schedule.inFlightNow.get());
                progress += TimeUnit.SECONDS.toNanos(5);
            }
            sleepUntil(measureTo);
            after = probe.get();
            okAfter = schedule.okAnswered.sum();
        } catch (RuntimeException | Error e) {
            // a probe failed: a schedule left running would load the machine for the rest of the benchmark
            schedule.stopped.set(true);
            throw e;
        } finally {
            awaitEnd(schedule, scheduler);
        }
        schedule.drain();
        double[] delta = after.clone();
        for (int i = 0; i < delta.length; i++) {
            delta[i] -= before[i];
        }
        long notSent = schedule.outcomes.getOrDefault(NOT_SENT, new LongAdder()).sum();
        return new Result(ratePerSecond, (measureTo - measureFrom) / 1e9, schedule.due.get(),
                schedule.due.get() - notSent, notSent, schedule.response, schedule.service,
                LoadGenerator.sums(schedule.outcomes), okAfter - okBefore, LoadGenerator.sums(schedule.everyOutcome),
                LoadGenerator.sums(schedule.okByKind), schedule.peakInFlight.get(), delta);
    }

    /** Waits for the schedule to end by itself (its tail is limited), stopping it if it has not by far. */
    private static void awaitEnd(Schedule schedule, Thread scheduler) {
        try {
            if (!scheduler.join(TAIL_LIMIT.plusSeconds(30))) {
                schedule.stopped.set(true);
                scheduler.join();
            }
        } catch (InterruptedException e) {
            schedule.stopped.set(true);
            Thread.currentThread().interrupt();
        }
    }

    /** The schedule, the requests it started and what they answered. */
    private static final class Schedule {

        final double intervalNanos;
        final int maxInFlight;
        final Semaphore inFlight;
        final Function<ThreadLocalRandom, Sent> request;
        final Histogram response = new ConcurrentHistogram(3);
        final Histogram service = new ConcurrentHistogram(3);
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> everyOutcome = new ConcurrentHashMap<>();
        final Map<String, LongAdder> okByKind = new ConcurrentHashMap<>();
        final LongAdder okAnswered = new LongAdder();
        final AtomicLong due = new AtomicLong();
        final AtomicLong measuredPending = new AtomicLong();
        final AtomicInteger inFlightNow = new AtomicInteger();
        final AtomicInteger peakInFlight = new AtomicInteger();
        final AtomicBoolean stopped = new AtomicBoolean();

        Schedule(double ratePerSecond, int maxInFlight, Function<ThreadLocalRandom, Sent> request) {
            this.intervalNanos = 1e9 / ratePerSecond;
            this.maxInFlight = maxInFlight;
            this.inFlight = new Semaphore(maxInFlight);
            this.request = request;
        }

        /** Sends request after request at its time until the measured ones are answered (or the tail's limit). */
        void keep(long start, long measureFrom, long measureTo) {
            long tailLimit = measureTo + TAIL_LIMIT.toNanos();
            for (long i = 0; !stopped.get(); i++) {
                long intended = start + (long) (i * intervalNanos);
                if (intended >= tailLimit || (intended >= measureTo && measuredPending.get() == 0)) {
                    return;
                }
                sleepUntil(intended);
                boolean measured = intended >= measureFrom && intended < measureTo;
                if (measured) {
                    due.incrementAndGet();
                }
                if (!inFlight.tryAcquire()) {
                    count(everyOutcome, NOT_SENT);
                    if (measured) {
                        count(outcomes, NOT_SENT);
                    }
                    continue;
                }
                if (measured) {
                    measuredPending.incrementAndGet();
                }
                peakInFlight.accumulateAndGet(inFlightNow.incrementAndGet(), Math::max);
                Thread.ofVirtual().start(() -> send(intended, measured));
            }
        }

        private void send(long intended, boolean measured) {
            try {
                long sentAt = System.nanoTime();
                Sent sent = request.apply(ThreadLocalRandom.current());
                long answered = System.nanoTime();
                String outcome = sent.response().outcome();
                count(everyOutcome, outcome);
                if ("OK".equals(outcome)) {
                    okAnswered.increment();
                    count(okByKind, sent.kind());
                }
                if (measured) {
                    response.recordValue(Math.max(1, (answered - intended) / 1_000));
                    service.recordValue(Math.max(1, (answered - sentAt) / 1_000));
                    count(outcomes, outcome);
                }
            } finally {
                if (measured) {
                    measuredPending.decrementAndGet();
                }
                inFlightNow.decrementAndGet();
                inFlight.release();
            }
        }

        /** Waits until every request sent has been answered (each times out after 30 s in {@code Http}). */
        void drain() {
            try {
                if (inFlight.tryAcquire(maxInFlight, 90, TimeUnit.SECONDS)) {
                    inFlight.release(maxInFlight);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void count(Map<String, LongAdder> counters, String key) {
            counters.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

package com.ecommerce.adapter.in.web.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One instance's limits per caller: a token bucket per caller for the rate (Bucket4j: {@code burst} tokens, refilled
 * at {@code rate} a second), and a count of the caller's requests in flight.
 *
 * <p>The buckets live in a cache that forgets a caller once its bucket would be full again (burst / rate seconds
 * after its last request), so a forgotten caller loses nothing and an address-scanning flood cannot grow it without
 * bound. The in-flight count is a map entry per caller with requests in flight, removed when its last one ends:
 * written here rather than with a library bulkhead, whose registry keeps a bulkhead for every caller ever seen.
 */
public final class CallerLimits {

    /** What the caller is told: admitted, or refused with the seconds after which to try again. */
    public record Admission(boolean admitted, long retryAfterSeconds) {
        static final Admission ADMITTED = new Admission(true, 0);
    }

    private final CallerLimitsProperties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;
    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public CallerLimits(CallerLimitsProperties properties) {
        this(properties, TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker());
    }

    CallerLimits(CallerLimitsProperties properties, TimeMeter time, Ticker ticker) {
        this.properties = properties;
        this.time = time;
        long refillNanos = TimeUnit.SECONDS.toNanos(1) * properties.burstPerCaller() / properties.ratePerCaller();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofNanos(refillNanos).plusSeconds(1))
                .ticker(ticker).build();
    }

    /** Admits one request of {@code caller}, or refuses it; an admitted one must be {@link #release released}. */
    public Admission admit(String caller) {
        boolean[] entered = {false};
        inFlight.compute(caller, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= properties.concurrentPerCaller()) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        if (!entered[0]) {
            return new Admission(false, 1);
        }
        ConsumptionProbe probe = buckets.get(caller, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Admission.ADMITTED;
        }
        release(caller);
        long seconds = (probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
        return new Admission(false, Math.max(1, seconds));
    }

    /** The end of an admitted request. */
    public void release(String caller) {
        inFlight.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Callers with requests in flight now: the tests' check that nothing leaks. */
    public int callersInFlight() {
        return inFlight.size();
    }

    private Bucket newBucket() {
        return Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(properties.burstPerCaller())
                        .refillGreedy(properties.ratePerCaller(), Duration.ofSeconds(1)).build())
                .build();
    }
}

package com.ecommerce.adapter.out.lock.optimistic;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * No lock at all: the unit of work runs in its own transaction and the version check decides. When it ends in
 * {@link ConcurrentUpdateException} (its transaction rolled back, nothing changed) the whole unit of work runs
 * again, in a new transaction, after a jittered backoff; at most {@code maxAttempts} times and never past the wait
 * timeout. When attempts run out the last {@code CONCURRENT_UPDATE} reaches the client. Any other outcome, success
 * or failure, is final at once.
 */
public class OptimisticLockAdapter implements LockStrategy {

    private final LockProperties.Optimistic settings;
    private final LockMetrics metrics;
    private final Counter retries;
    private final Counter exhausted;
    private final DistributionSummary attemptsPerSuccess;

    public OptimisticLockAdapter(LockProperties.Optimistic settings, MeterRegistry registry) {
        this.settings = settings;
        this.metrics = new LockMetrics(registry, LockStrategyName.OPTIMISTIC.id());
        this.retries = Counter.builder("ecommerce.lock.optimistic.retries")
                .description("Units of work run again after a version conflict").register(registry);
        this.exhausted = Counter.builder("ecommerce.lock.optimistic.exhausted")
                .description("Requests answered CONCURRENT_UPDATE after their last attempt").register(registry);
        this.attemptsPerSuccess = DistributionSummary.builder("ecommerce.lock.optimistic.attempts")
                .description("Attempts a successful unit of work needed").register(registry);
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.OPTIMISTIC;
    }

    /** No lock to take, inside the transaction or outside it: the version check decides. */
    @Override
    public void lockInTransaction(List<LockKey> ordered, Duration remaining) {
    }

    @Override
    public <T> T withLocks(Collection<LockKey> keys, Duration waitTimeout, Supplier<T> work) {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                T result = work.get();
                metrics.held(start);
                attemptsPerSuccess.record(attempt);
                return result;
            } catch (ConcurrentUpdateException conflict) {
                metrics.held(start);
                long pause = backoffNanos(attempt);
                if (attempt >= settings.maxAttempts() || System.nanoTime() + pause > deadline) {
                    exhausted.increment();
                    throw conflict;
                }
                retries.increment();
                sleep(pause);
            }
        }
    }

    private long backoffNanos(int attempt) {
        long ceiling = Math.min(settings.maxBackoff().toNanos(),
                settings.initialBackoff().toNanos() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

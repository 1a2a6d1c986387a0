package com.ecommerce.adapter.out.lock.optimistic;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.adapter.out.lock.support.LockStrategyName;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * No lock at all: the unit of work runs in its own transaction and the version check decides. When it ends in
 * {@link ConcurrentUpdateException} (its transaction rolled back, nothing changed) the whole unit of work runs
 * again, in a new transaction, after a jittered backoff; at most {@code maxAttempts} times and never past the wait
 * timeout. When attempts run out the last {@code CONCURRENT_UPDATE} reaches the client. Any other outcome, success
 * or failure, is final at once.
 *
 * <p>An interrupt during a backoff ends the retries at once, as an interrupted wait ends every other strategy: the
 * interrupt flag is kept for whoever asked (a shutdown, a cancelled request), no further attempt runs, and the
 * request fails with {@link LockTimeoutException} ({@code 503 LOCK_TIMEOUT}, nothing changed: the last attempt
 * was rolled back), with the last conflict attached as suppressed.
 *
 * <p>Why a loop of our own and not Spring Framework 7's {@code org.springframework.core.retry.RetryTemplate} (this
 * module may use Spring; only domain and application may not): the wait budget arrives with each call, while a
 * {@code RetryPolicy}'s timeout is fixed when it is built, so every request would build a policy and a template;
 * "full jitter" (a pause drawn from 0 to the ceiling) needs a {@code BackOff} of our own anyway; and the outcomes
 * must leave as the port's own exceptions, while the template wraps them in its checked {@code RetryException} and,
 * through {@code invoke}, turns an interrupted backoff into the last {@code CONCURRENT_UPDATE} (409) instead of the
 * {@code LOCK_TIMEOUT} the other strategies answer, which only its listener callbacks could tell apart. That is more
 * code than this loop, for the same behaviour, and an allocation or two more per request.
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

    /** No: nothing is held between attempts: each attempt may wait for its connection. */
    @Override
    public boolean holdsLocksOutsideTransaction() {
        return false;
    }

    @Override
    public LockStrategyName strategy() {
        return LockStrategyName.OPTIMISTIC;
    }

    /** No lock to take, inside the transaction or outside it: the version check decides. */
    @Override
    public void lockInTransaction(LockKeys keys, Deadline deadline) {
    }

    @Override
    public <T> T withLocks(LockKeys keys, Deadline deadline, Supplier<T> work) {
        long begin = LockMetrics.start();
        for (int attempt = 1; ; attempt++) {
            long start = LockMetrics.start();
            try {
                T result = work.get();
                metrics.held(start);
                attemptsPerSuccess.record(attempt);
                return result;
            } catch (ConcurrentUpdateException conflict) {
                metrics.held(start);
                long pause = backoffNanos(attempt);
                if (attempt >= settings.maxAttempts() || pause >= deadline.remainingNanos()) {
                    exhausted.increment();
                    throw conflict;
                }
                try {
                    backOff(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    metrics.timedOut(begin);
                    LockTimeoutException timeout = deadline.exceeded(keys, interrupted);
                    timeout.addSuppressed(conflict);
                    throw timeout;
                }
                retries.increment();
            }
        }
    }

    private long backoffNanos(int attempt) {
        long ceiling = Math.min(settings.maxBackoff().toNanos(),
                settings.initialBackoff().toNanos() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** A drawn pause may be zero, and a zero sleep need not notice an interrupt: the flag is checked first. */
    private static void backOff(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the backoff");
        }
        Thread.sleep(Duration.ofNanos(nanos));
    }
}

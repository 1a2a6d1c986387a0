package com.ecommerce.adapter.out.lock.optimistic;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The retry loop of {@code lock-optimistic} alone; the LockPort contract is proven in bootstrap. */
class OptimisticLockAdapterTest {

    private static final LockKeys KEYS = LockKeys.of(LockKey.point(1));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private OptimisticLockAdapter adapter(int maxAttempts, Duration backoff) {
        return new OptimisticLockAdapter(new LockProperties.Optimistic(maxAttempts, backoff, backoff), registry);
    }

    /**
     * The backoff is drawn between 0 and 60 s, so the thread is caught sleeping in it (a backoff shorter than the
     * moment between seeing it asleep and interrupting it would have to be drawn: odds of a few in a million).
     */
    @Test
    void anInterruptDuringTheBackoffStopsAtOnceKeepsTheFlagAndRunsNoFurtherAttempt() throws Exception {
        OptimisticLockAdapter adapter = adapter(10, Duration.ofSeconds(60));
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfterwards = new CompletableFuture<>();
        Thread request = Thread.ofPlatform().start(() -> {
            try {
                adapter.withLocks(KEYS, Deadline.after(Duration.ofMinutes(10)), () -> {
                    attempts.incrementAndGet();
                    throw new ConcurrentUpdateException("point balance of user 1");
                });
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
            flagAfterwards.complete(Thread.currentThread().isInterrupted());
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> request.getState() == Thread.State.TIMED_WAITING);
        int attemptsWhenInterrupted = attempts.get();
        long interruptedAt = System.nanoTime();
        request.interrupt();
        request.join(Duration.ofSeconds(10));

        assertThat(request.isAlive()).as("still retrying").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(attemptsWhenInterrupted).isGreaterThanOrEqualTo(1);
        assertThat(attempts.get()).as("attempts after the interrupt").isEqualTo(attemptsWhenInterrupted);
        assertThat(flagAfterwards.get(1, TimeUnit.SECONDS)).as("interrupt flag kept").isTrue();
        assertThat(failure.get(1, TimeUnit.SECONDS)).isInstanceOfSatisfying(LockTimeoutException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
            assertThat(e.getSuppressed()).singleElement().isInstanceOf(ConcurrentUpdateException.class);
        });
        assertThat(registry.get("ecommerce.lock.failures").tag("strategy", "optimistic").tag("reason", "timeout")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("ecommerce.lock.optimistic.retries").counter().count())
                .isEqualTo(attemptsWhenInterrupted - 1);
        assertThat(registry.get("ecommerce.lock.optimistic.exhausted").counter().count()).isZero();
    }

    /** A backoff drawn as zero would not notice an interrupt by sleeping; the flag is checked before it. */
    @Test
    void aThreadAlreadyInterruptedWhenItsAttemptFailsRunsNoFurtherAttempt() throws Exception {
        OptimisticLockAdapter adapter = adapter(10, Duration.ofNanos(1));
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfterwards = new CompletableFuture<>();
        Thread request = Thread.ofPlatform().start(() -> {
            try {
                adapter.withLocks(KEYS, Deadline.after(Duration.ofSeconds(10)), () -> {
                    attempts.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new ConcurrentUpdateException("point balance of user 1");
                });
            } catch (RuntimeException e) {
                failure.complete(e);
            }
            flagAfterwards.complete(Thread.currentThread().isInterrupted());
        });
        request.join(Duration.ofSeconds(10));

        assertThat(attempts.get()).isEqualTo(1);
        assertThat(flagAfterwards.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get(1, TimeUnit.SECONDS)).isInstanceOf(LockTimeoutException.class);
    }

    @Test
    void conflictsAreRetriedUpToTheMaximumAndTheLastOneReachesTheCaller() {
        OptimisticLockAdapter adapter = adapter(4, Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> adapter.withLocks(KEYS, Deadline.after(Duration.ofSeconds(10)), () -> {
            throw new ConcurrentUpdateException("attempt " + attempts.incrementAndGet());
        })).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("attempt 4");

        assertThat(attempts.get()).isEqualTo(4);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(registry.get("ecommerce.lock.optimistic.retries").counter().count()).isEqualTo(3);
        assertThat(registry.get("ecommerce.lock.optimistic.exhausted").counter().count()).isEqualTo(1);
    }

    @Test
    void aConflictFollowedBySuccessReturnsTheResultOfTheAttemptThatSucceeded() {
        OptimisticLockAdapter adapter = adapter(4, Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();

        String result = adapter.withLocks(KEYS, Deadline.after(Duration.ofSeconds(10)), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrentUpdateException("stale");
            }
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void anyOtherFailureIsFinalAtOnce() {
        OptimisticLockAdapter adapter = adapter(4, Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> adapter.withLocks(KEYS, Deadline.after(Duration.ofSeconds(10)), () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("not a conflict");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }
}

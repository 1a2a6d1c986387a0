package com.ecommerce.bootstrap.lock;

import com.ecommerce.bootstrap.support.Concurrently;
import com.ecommerce.bootstrap.support.Concurrently.Outcome;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lock-optimistic} holds no lock, so the contract's exclusion and waiting clauses become: no lost update,
 * every request ends as a success or a clean {@code CONCURRENT_UPDATE}, retries are bounded by the attempts and the
 * wait, and a writer that conflicts runs again and then reads the committed value.
 */
@ActiveProfiles("lock-optimistic")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class OptimisticLockPortContractIT extends LockPortContractTest {

    @Autowired
    MeterRegistry meters;

    private double retries() {
        return meters.get("ecommerce.lock.optimistic.retries").counter().count();
    }

    @Test
    @Override
    void mutualExclusion_32ThreadsOnOneKey_neverOverlapAndLoseNoIncrement() {
        long userId = api.newUser("optimistic");
        LockKey key = LockKey.point(userId);
        double retriesBefore = retries();

        List<Outcome<Integer>> outcomes = Concurrently.run(32, i -> {
            int landed = 0;
            for (int r = 0; r < 5; r++) {
                try {
                    lockedTransaction(List.of(key), LONG_WAIT, () -> addOne(userId, new ConcurrentLinkedQueue<>()));
                    landed++;
                } catch (ConcurrentUpdateException exhausted) {
                    // a clean 409: nothing changed
                }
            }
            return landed;
        });

        assertThat(outcomes).allMatch(Outcome::succeeded);
        int successes = outcomes.stream().mapToInt(Outcome::value).sum();
        assertThat(points.findPoint(userId).orElseThrow().balance()).isEqualTo(successes);
        assertThat(successes).isPositive();
        System.out.printf("[contract:optimistic] 32 threads x 5 increments of one balance: %d landed, %d clean 409, "
                + "%.0f retries, balance %d (no lost update)%n", successes, 160 - successes, retries() - retriesBefore,
                successes);
    }

    @Test
    @Override
    void theWaitTimeoutIsHonoured() {
        LockKey key = LockKey.point(api.newUser("always-conflicts"));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            attempts.incrementAndGet();
            throw new ConcurrentUpdateException("test row");
        })).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(attempts.get()).isEqualTo(10);

        attempts.set(0);
        long started = System.nanoTime();
        assertThatThrownBy(() -> lockedTransaction(List.of(key), Duration.ofMillis(60), () -> {
            attempts.incrementAndGet();
            throw new ConcurrentUpdateException("test row");
        })).isInstanceOf(ConcurrentUpdateException.class);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).isLessThan(60 + 100 + 50);
        assertThat(attempts.get()).isBetween(1, 10);
        System.out.printf("[contract:optimistic] always conflicting: gives up after 10 attempts; with a 60 ms wait "
                + "after %d attempts and %d ms%n", attempts.get(), tookMs);
    }

    @Test
    void otherFailuresAreNotRetried() {
        LockKey key = LockKey.point(api.newUser("no-retry"));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("not a conflict");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    @Override
    void locksAreReleasedOnlyAfterTheCommit() throws Exception {
        long userId = api.newUser("optimistic-commit");
        long initial = points.findPoint(userId).orElseThrow().balance();
        ConcurrentLinkedQueue<Long> reads = new ConcurrentLinkedQueue<>();

        List<Outcome<Void>> outcomes = Concurrently.run(2,
                i -> lockedTransaction(List.of(LockKey.point(userId)), LONG_WAIT, () -> addOne(userId, reads)));

        assertThat(outcomes).allMatch(Outcome::succeeded);
        assertThat(points.findPoint(userId).orElseThrow().balance()).isEqualTo(initial + 2);
        List<Long> seen = new ArrayList<>(reads);
        assertThat(seen.getLast()).as("the last attempt read the other writer's committed value").isEqualTo(initial + 1);
    }
}

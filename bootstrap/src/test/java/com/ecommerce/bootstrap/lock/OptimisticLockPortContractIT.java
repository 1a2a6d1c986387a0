package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.bootstrap.support.Concurrently;
import com.ecommerce.bootstrap.support.Concurrently.Outcome;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * {@code lock-optimistic} holds no lock, so the contract's exclusion and waiting clauses become: no lost update,
 * every request ends as a success or a clean {@code CONCURRENT_UPDATE} after its whole retry budget, at least as
 * many successes as that budget guarantees, and a writer that conflicts runs again and then reads the committed
 * value.
 */
@ActiveProfiles("lock-optimistic")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class OptimisticLockPortContractIT extends LockPortContractTest {

    @Autowired
    MeterRegistry meters;
    @Autowired
    LockProperties properties;

    private double retries() {
        return meters.get("ecommerce.lock.optimistic.retries").counter().count();
    }

    private double exhausted() {
        return meters.get("ecommerce.lock.optimistic.exhausted").counter().count();
    }

    private DistributionSummary attemptsOfSuccesses() {
        return meters.get("ecommerce.lock.optimistic.attempts").summary();
    }

    /**
     * The floor of successes among {@code requests} on one row from {@code threads} threads, with {@code attempts}
     * attempts each. An attempt conflicts only when another writer committed the row after the attempt read it; a
     * thread's next attempt reads that commit, so one commit refuses at most one attempt of each other thread:
     * conflicts &lt;= (threads - 1) x successes. A refused request conflicted on every one of its attempts:
     * conflicts &gt;= attempts x (requests - successes). Together: successes &gt;= requests x attempts /
     * (attempts + threads - 1).
     */
    static int floorOfSuccesses(int requests, int threads, int attempts) {
        return (requests * attempts + attempts + threads - 2) / (attempts + threads - 1);
    }

    /**
     * 32 threads x 5 increments of one balance, with the configured budget (10 attempts): at least 40 land (the
     * floor above), the balance is exactly the successes, every refusal is a clean {@code CONCURRENT_UPDATE} that
     * ran its whole budget (the retries counted are exactly the successes' extra attempts plus 9 per refusal).
     */
    @Test
    @Override
    void mutualExclusion_32ThreadsOnOneKey_neverOverlapAndLoseNoIncrement() {
        long userId = api.newUser("optimistic");
        long initial = balance(userId);
        LockKey key = LockKey.point(userId);
        int threads = 32;
        int rounds = 5;
        int budget = properties.optimistic().maxAttempts();
        double retriesBefore = retries();
        double exhaustedBefore = exhausted();
        long successesBefore = attemptsOfSuccesses().count();
        double attemptsBefore = attemptsOfSuccesses().totalAmount();
        AtomicInteger refused = new AtomicInteger();

        List<Outcome<Integer>> outcomes = Concurrently.run(threads, i -> {
            int landed = 0;
            for (int r = 0; r < rounds; r++) {
                try {
                    lockedTransaction(i % 2 == 0 ? thisInstance() : otherInstance(), List.of(key), LONG_WAIT,
                            () -> addOne(userId, new ConcurrentLinkedQueue<>()));
                    landed++;
                } catch (ConcurrentUpdateException exhaustedBudget) {
                    refused.incrementAndGet();
                }
            }
            return landed;
        });

        int successes = outcomes.stream().filter(Outcome::succeeded).mapToInt(Outcome::value).sum();
        double retries = retries() - retriesBefore;
        double extraAttemptsOfSuccesses = attemptsOfSuccesses().totalAmount() - attemptsBefore
                - (attemptsOfSuccesses().count() - successesBefore);
        int floor = floorOfSuccesses(threads * rounds, threads, budget);
        assertSoftly(soft -> {
            soft.assertThat(outcomes).as("every request a success or a clean CONCURRENT_UPDATE")
                    .allMatch(Outcome::succeeded);
            soft.assertThat(successes + refused.get()).isEqualTo(threads * rounds);
            soft.assertThat(successes).as("successes, at least the floor of the retry budget")
                    .isGreaterThanOrEqualTo(floor);
            soft.assertThat(balance(userId)).as("balance: exactly the successes").isEqualTo(initial + successes);
            soft.assertThat(exhausted() - exhaustedBefore).as("refusals counted").isEqualTo(refused.get());
            soft.assertThat(retries).as("retries: the successes' extra attempts plus %d per refusal", budget - 1)
                    .isEqualTo(extraAttemptsOfSuccesses + (double) refused.get() * (budget - 1));
        });
        System.out.printf("[contract:optimistic] 32 threads x 5 increments of one balance: %d landed (floor %d), %d "
                + "clean 409 after %d attempts each, %.0f retries, balance +%d (no lost update)%n", successes, floor,
                refused.get(), budget, retries, balance(userId) - initial);
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
        assertThat(attempts.get()).as("attempts of a unit of work that always conflicts")
                .isEqualTo(properties.optimistic().maxAttempts());

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

    /**
     * The conflict, made to happen: two writers of one balance wait for each other after their first read, so both
     * read the same version before either writes. The first write wins; the other's versioned write then changes
     * no row, its attempt is rolled back, and it runs again: one writer ran once, the other twice, one retry is
     * counted, the retry read the winner's committed value, and the balance is exactly two higher.
     */
    @Test
    @Override
    void locksAreReleasedOnlyAfterTheCommit() {
        long userId = api.newUser("optimistic-commit");
        LockKey key = LockKey.point(userId);
        long initial = balance(userId);
        ConcurrentLinkedQueue<Long> reads = new ConcurrentLinkedQueue<>();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger[] attempts = {new AtomicInteger(), new AtomicInteger()};
        double retriesBefore = retries();

        List<Outcome<Void>> outcomes = Concurrently.run(2, i -> lockedTransaction(List.of(key), LONG_WAIT, () -> {
            Point point = pointStore().findPoint(userId).orElseThrow();
            reads.add(point.balance());
            if (attempts[i].incrementAndGet() == 1) {
                awaitTheOther(bothRead);
            }
            point.charge(1);
            pointStore().updatePoint(point);
            return null;
        }));

        assertSoftly(soft -> {
            soft.assertThat(outcomes).as("both writers landed").allMatch(Outcome::succeeded);
            soft.assertThat(List.of(attempts[0].get(), attempts[1].get())).as("attempts of each writer")
                    .containsExactlyInAnyOrder(1, 2);
            soft.assertThat(retries() - retriesBefore).as("retries counted").isEqualTo(1.0);
            soft.assertThat(reads).as("balances read: both first attempts, then the retry")
                    .containsExactly(initial, initial, initial + 1);
            soft.assertThat(balance(userId)).as("balance").isEqualTo(initial + 2);
        });
    }

    private static void awaitTheOther(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer never read", e);
        }
    }
}

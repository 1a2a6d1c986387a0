package com.ecommerce.domain.lock;

import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void remaining_shrinksWithTheClockAndStopsAtZero() {
        Deadline deadline = Deadline.after(Duration.ofMillis(3), now::get);

        now.addAndGet(1_000_000);
        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(2));
        assertThat(deadline.hasPassed()).isFalse();

        now.addAndGet(5_000_000);
        assertThat(deadline.remainingNanos()).isZero();
        assertThat(deadline.hasPassed()).isTrue();
        assertThat(deadline.budget()).isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void remainingInAUnit_roundsUpSoThatALittleLeftIsNotNothing() {
        Deadline deadline = Deadline.after(Duration.ofNanos(1_500_001), now::get);

        assertThat(deadline.remaining(TimeUnit.MILLISECONDS)).isEqualTo(2);
    }

    @Test
    void remainingInAUnit_aWholeNumberOfUnitsIsNotRoundedUp() {
        Deadline deadline = Deadline.after(Duration.ofMillis(2), now::get);

        assertThat(deadline.remaining(TimeUnit.MILLISECONDS)).isEqualTo(2);
        assertThat(deadline.remaining(TimeUnit.MICROSECONDS)).isEqualTo(2_000);
    }

    @Test
    void after_withoutAClock_runsOnTheSystemClockFromNow() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));

        assertThat(deadline.hasPassed()).isFalse();
        assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(deadline.budget()).isEqualTo(Duration.ofMinutes(1));
        assertThat(Deadline.after(Duration.ZERO).hasPassed()).isTrue();
    }

    @Test
    void check_turnsAPassedDeadlineIntoLockTimeoutNamingTheKeysAndTheBudget() {
        Deadline deadline = Deadline.after(Duration.ofMillis(250), now::get);
        deadline.check("[stock:1]");

        now.addAndGet(Duration.ofMillis(250).toNanos());

        assertThatThrownBy(() -> deadline.check("[stock:1]"))
                .isInstanceOfSatisfying(LockTimeoutException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                .hasMessageContaining("[stock:1]").hasMessageContaining("250 ms");
    }

    @Test
    void earlier_picksTheDeadlineThatEndsFirst() {
        Deadline longer = Deadline.after(Duration.ofSeconds(2), now::get);
        Deadline shorter = Deadline.after(Duration.ofSeconds(1), now::get);

        assertThat(longer.earlier(shorter)).isSameAs(shorter);
        assertThat(shorter.earlier(longer)).isSameAs(shorter);
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

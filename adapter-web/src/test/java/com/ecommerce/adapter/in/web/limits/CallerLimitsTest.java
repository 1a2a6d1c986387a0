package com.ecommerce.adapter.in.web.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallerLimitsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final Ticker ticker = nanos::get;

    private CallerLimits limits(int concurrent, int rate, int burst) {
        return new CallerLimits(new CallerLimitsProperties(true, concurrent, rate, burst), clock, ticker);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurst_thenTheRate_thenARefusalWithTheSecondsToWait() {
        CallerLimits limits = limits(100, 10, 30);
        for (int i = 0; i < 30; i++) {
            assertThat(limits.admit("sub:1").admitted()).as("request %d of the burst", i).isTrue();
            limits.release("sub:1");
        }
        CallerLimits.Admission refused = limits.admit("sub:1");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        advanceMillis(500); // 10 a second: 5 tokens back
        for (int i = 0; i < 5; i++) {
            assertThat(limits.admit("sub:1").admitted()).as("refilled request %d", i).isTrue();
            limits.release("sub:1");
        }
        assertThat(limits.admit("sub:1").admitted()).isFalse();
        assertThat(limits.admit("sub:2").admitted()).as("another caller").isTrue();
    }

    @Test
    void requestsInFlight_areCountedPerCaller_andGivenBack() {
        CallerLimits limits = limits(2, 1_000, 1_000);
        assertThat(limits.admit("sub:1").admitted()).isTrue();
        assertThat(limits.admit("sub:1").admitted()).isTrue();
        CallerLimits.Admission third = limits.admit("sub:1");
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.admit("address:10.0.0.7").admitted()).as("another caller").isTrue();

        limits.release("sub:1");
        assertThat(limits.admit("sub:1").admitted()).as("after one ended").isTrue();
        limits.release("sub:1");
        limits.release("sub:1");
        limits.release("address:10.0.0.7");
        assertThat(limits.callersInFlight()).as("callers left in the count once all ended").isZero();
    }

    @Test
    void aRefusalByRate_doesNotKeepItsPlaceInFlight() {
        CallerLimits limits = limits(1, 1, 1);
        assertThat(limits.admit("sub:1").admitted()).isTrue();
        limits.release("sub:1");
        assertThat(limits.admit("sub:1").admitted()).isFalse();
        assertThat(limits.callersInFlight()).isZero();
        advanceMillis(1_000);
        assertThat(limits.admit("sub:1").admitted()).isTrue();
    }

    @Test
    void badSettings_areRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CallerLimitsProperties(true, 0, 50, 100))
                .withMessageContaining("concurrent-per-caller");
        assertThatIllegalArgumentException().isThrownBy(() -> new CallerLimitsProperties(true, 8, 0, 100))
                .withMessageContaining("rate-per-caller");
        assertThatIllegalArgumentException().isThrownBy(() -> new CallerLimitsProperties(true, 8, 50, 49))
                .withMessageContaining("burst-per-caller");
    }
}

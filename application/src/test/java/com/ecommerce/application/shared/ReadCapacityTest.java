package com.ecommerce.application.shared;

import com.ecommerce.domain.shared.DatabaseUnavailableException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue's share of the connections, with real threads: a read past it waits its turn, then gives up. */
class ReadCapacityTest {

    @Test
    void aReadPastTheShare_waitsItsTurn_thenFailsDatabaseUnavailable_havingRunNothing() throws Exception {
        ReadCapacity capacity = new ReadCapacity(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> capacity.read(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holding.await();
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> capacity.read(runs::incrementAndGet))
                .isInstanceOf(DatabaseUnavailableException.class)
                .extracting(e -> ((DatabaseUnavailableException) e).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);

        assertThat((System.nanoTime() - start) / 1_000_000).as("waited its turn first").isGreaterThanOrEqualTo(90);
        assertThat(runs).hasValue(0);
        release.countDown();
        holder.join();
        assertThat(capacity.read(runs::incrementAndGet)).as("the share is back after the read").isOne();
    }

    @Test
    void aReadThatThrows_givesItsTurnBack() {
        ReadCapacity capacity = new ReadCapacity(1, Duration.ZERO);

        assertThatThrownBy(() -> capacity.read(() -> {
            throw new IllegalStateException("the database went away");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(capacity.read(() -> "read")).isEqualTo("read");
    }

    @Test
    void noShareAtAll_isRefused() {
        assertThatThrownBy(() -> new ReadCapacity(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.ecommerce.application.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The threads of a queue test: parked where the test expects them, and all ended when it is over. */
public final class TestThreads {

    private TestThreads() {
    }

    /** Returns once {@code thread} is parked (waiting at a gate or in a queue), failing after 10 s. */
    public static void awaitParked(Thread thread) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as(thread.getName() + " never parked").isLessThan(until);
            Thread.sleep(1);
        }
    }

    /** Joins every thread, failing for one still running after 10 s. */
    public static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
        }
    }
}

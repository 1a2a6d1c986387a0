package com.ecommerce.application.shared;

import com.ecommerce.domain.shared.DatabaseUnavailableException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A share of the database's connections for reads anyone may send (the public catalogue): at most {@code permits}
 * of them run at once, the others wait their turn in arrival order up to {@code wait}, then fail with
 * {@code DATABASE_UNAVAILABLE}. However many anonymous readers arrive, the writers keep the rest of the pool.
 * A {@link Semaphore} from the JDK: a bulkhead library would add a dependency to the core for the same few lines.
 */
public final class ReadCapacity {

    private final Semaphore permits;
    private final Duration wait;

    /**
     * @param permits how many such reads run at once (1 or more)
     * @param wait    how long one waits for its turn (the pool's connection wait)
     */
    public ReadCapacity(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one read at a time: " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    public <T> T read(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new DatabaseUnavailableException("The catalogue's reads are all in use", null);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}

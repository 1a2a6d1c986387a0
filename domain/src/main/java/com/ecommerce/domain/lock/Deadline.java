package com.ecommerce.domain.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a request stops waiting for its locks: made once per request from the lock wait budget
 * ({@code ecommerce.lock.wait-timeout}) and handed down to every step that waits (the order combining queue, the
 * local queue, the shared lock, the row locks), each of which waits only for what is {@link #remaining() left}.
 * The one place where an exceeded wait becomes {@code LOCK_TIMEOUT} is {@link #exceeded}.
 *
 * <p>Read on a monotonic clock, {@link System#nanoTime()} unless a test gives another.
 */
public final class Deadline {

    private static final LongSupplier SYSTEM = System::nanoTime;

    private final LongSupplier clock;
    private final long endsAt;
    private final Duration budget;

    private Deadline(LongSupplier clock, long endsAt, Duration budget) {
        this.clock = clock;
        this.endsAt = endsAt;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return after(budget, SYSTEM);
    }

    /** A deadline {@code budget} from now on {@code nanoClock} (a monotonic clock in nanoseconds; tests move it). */
    public static Deadline after(Duration budget, LongSupplier nanoClock) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a wait budget is not negative: " + budget);
        }
        return new Deadline(nanoClock, nanoClock.getAsLong() + budget.toNanos(), budget);
    }

    /** What is left of the wait, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    /** What is left of the wait in nanoseconds, for {@code tryLock(time, NANOSECONDS)} and parking; never negative. */
    public long remainingNanos() {
        return Math.max(0, endsAt - clock.getAsLong());
    }

    /** What is left in {@code unit}, rounded up, so that a wait of a few nanoseconds is not a wait of none. */
    public long remaining(TimeUnit unit) {
        long nanos = remainingNanos();
        long whole = unit.convert(nanos, TimeUnit.NANOSECONDS);
        return unit.toNanos(whole) < nanos ? whole + 1 : whole;
    }

    public boolean hasPassed() {
        return endsAt - clock.getAsLong() <= 0;
    }

    /** The whole wait the request was given. */
    public Duration budget() {
        return budget;
    }

    /** The earlier of the two: a batch waits no longer than its most hurried member. */
    public Deadline earlier(Deadline other) {
        return other.endsAt - endsAt < 0 ? other : this;
    }

    /** The failure of a wait for {@code what} that ran out of this deadline. */
    public LockTimeoutException exceeded(Object what) {
        return exceeded(what, null);
    }

    /** The failure of a wait for {@code what} that ended early, on {@code cause} (an interrupt, a late reply). */
    public LockTimeoutException exceeded(Object what, Throwable cause) {
        return new LockTimeoutException(String.valueOf(what), budget, cause);
    }

    /** Throws {@link #exceeded} when the deadline has passed. */
    public void check(Object what) {
        if (hasPassed()) {
            throw exceeded(what);
        }
    }

    @Override
    public String toString() {
        return "Deadline[" + remaining().toMillis() + " of " + budget.toMillis() + " ms left]";
    }
}

package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;

import com.ecommerce.application.shared.Timestamps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the record of an idempotent request is kept, and so how long a repeat is answered from it. A record
 * created more than {@code retention} ago is expired: a lookup treats it as absent whether or not the purge has
 * deleted it yet, so a repeat after the retention is processed afresh, as a new request (and a different request
 * under the same key is no longer {@code IDEMPOTENCY_KEY_REUSED}). Expiry is counted on the clock of the instance
 * that asks; instances' clocks differ by far less than any sensible retention.
 */
public final class IdempotencyRetention {

    private final Clock clock;
    private final Duration retention;

    public IdempotencyRetention(Clock clock, Duration retention) {
        if (retention == null || retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("the idempotency retention must be positive, got " + retention);
        }
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** Records created before this instant are expired. */
    public Instant cutoff() {
        return clock.instant().minus(retention);
    }

    /** When a key claimed now is created, in the whole seconds it is stored with. */
    Instant claimTime() {
        return Timestamps.now(clock);
    }

    static boolean isExpired(IdempotencyRecord record, Instant cutoff) {
        return record.createdAt().isBefore(cutoff);
    }
}

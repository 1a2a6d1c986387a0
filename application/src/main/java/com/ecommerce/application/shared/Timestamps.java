package com.ecommerce.application.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stored timestamps keep whole seconds. mysql-connector-j takes MariaDB for MySQL "5.5.5" (a version without
 * fractional seconds) and drops the fraction when it binds a timestamp; truncating first keeps every database and
 * every answer equal to what a later read returns (a replayed order has the same createdAt as the first answer).
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}

package com.ecommerce.bootstrap.config;

import com.ecommerce.application.idempotency.service.PurgeExpiredIdempotencyRecordsService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The idempotency settings, {@code ecommerce.idempotency.*}, checked when bound: a bad value stops the start-up with
 * a message naming the property.
 * <ul>
 *   <li>{@code retention}: how long a key's record answers repeats (default 24 h); past it a repeat is processed
 *       afresh.</li>
 *   <li>{@code purge.enabled}: whether this instance deletes expired records in the background (default true; every
 *       instance may, at once). Off, expired records stay in the table but still count as absent.</li>
 *   <li>{@code purge.interval}: the pause between the end of one purge and the start of the next (default 10 min);
 *       the first runs one interval after the start.</li>
 *   <li>{@code purge.batch-size}: the records deleted per transaction (default 1000, at most 10,000).</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue Purge purge) {

    public IdempotencyProperties {
        requirePositive("ecommerce.idempotency.retention", retention);
    }

    public record Purge(@DefaultValue("true") boolean enabled,
                        @DefaultValue("10m") Duration interval,
                        @DefaultValue("1000") int batchSize) {

        public Purge {
            requirePositive("ecommerce.idempotency.purge.interval", interval);
            if (batchSize < 1 || batchSize > PurgeExpiredIdempotencyRecordsService.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("ecommerce.idempotency.purge.batch-size must be 1 to "
                        + PurgeExpiredIdempotencyRecordsService.MAX_BATCH_SIZE + ", got " + batchSize);
            }
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}

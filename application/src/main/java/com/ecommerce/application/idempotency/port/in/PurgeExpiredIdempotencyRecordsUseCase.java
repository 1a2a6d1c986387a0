package com.ecommerce.application.idempotency.port.in;

/**
 * Deletes the idempotency records older than the retention. Run in the background by every instance; any number
 * of runs at once, on one instance or several, are harmless.
 */
public interface PurgeExpiredIdempotencyRecordsUseCase {

    /** Deletes every record that is expired now, batch by batch; returns how many this run deleted. */
    long purgeExpired();
}

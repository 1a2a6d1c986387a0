package com.ecommerce.application.idempotency.port.out;

import java.time.Instant;
import java.util.Optional;

/** The records of money-moving requests made under an {@code Idempotency-Key}. */
public interface IdempotencyStorePort {

    /** The committed record of a key, if any, expired or not (the caller decides what expired means). */
    Optional<IdempotencyRecord> findRecord(String scope, long userId, String key);

    /**
     * Claims the key inside the running transaction, created at {@code claim.createdAt()}. The store keeps keys
     * unique per scope and user, so a concurrent claim of the same key waits until the first transaction ends and
     * then fails if it committed.
     *
     * @throws IdempotencyKeyTakenException when the key is already claimed
     */
    void addClaim(IdempotencyRecord claim);

    /** Records the result of the claimed key, in the same transaction as the effect. */
    void updateResult(String scope, long userId, String key, long result);

    /**
     * Deletes the record of one key if it was created before {@code createdBefore}, in the running transaction.
     * A record created since (a new claim of the key, committed or still in flight) is kept: the condition is
     * checked on the row as it is when the delete gets to it, after any transaction holding it has ended.
     *
     * @return whether a record was deleted
     */
    boolean removeExpired(String scope, long userId, String key, Instant createdBefore);

    /**
     * Deletes at most {@code limit} committed records created before {@code createdBefore}, oldest first, in the
     * running transaction, which stays short: one bounded batch, found through an index on the creation time.
     * Only committed records are candidates, so a claim in flight is never deleted, however old its creation time.
     * Safe to run concurrently with itself (the loser of a race deletes fewer records) and with claims.
     *
     * @return how many records were deleted, from 0 to {@code limit}
     */
    int purgeExpired(Instant createdBefore, int limit);
}

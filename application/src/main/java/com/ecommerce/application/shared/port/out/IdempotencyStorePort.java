package com.ecommerce.application.shared.port.out;

import java.util.Optional;

/** The records of money-moving requests made under an {@code Idempotency-Key}. */
public interface IdempotencyStorePort {

    /** The committed record of a key, if any. */
    Optional<IdempotencyRecord> findRecord(String scope, long userId, String key);

    /**
     * Claims the key inside the running transaction. The store keeps keys unique per scope and user, so a
     * concurrent claim of the same key waits until the first transaction ends and then fails if it committed.
     *
     * @throws IdempotencyKeyTakenException when the key is already claimed
     */
    void addClaim(IdempotencyRecord claim);

    /** Records the result of the claimed key, in the same transaction as the effect. */
    void updateResult(String scope, long userId, String key, long result);
}

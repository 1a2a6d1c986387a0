package com.ecommerce.application.port.out;

public interface SaveIdempotencyRecordPort {

    /**
     * Claims the key inside the running transaction. The store keeps keys unique per scope and user, so a
     * concurrent claim of the same key waits until the first transaction ends and then fails if it committed.
     *
     * @throws IdempotencyKeyTakenException when the key is already claimed
     */
    void claim(IdempotencyRecord claim);

    /** Records the result of the claimed key, in the same transaction as the effect. */
    void complete(String scope, long userId, String key, long result);
}

package com.ecommerce.application.shared;

/**
 * The claim of one idempotent request, run inside the transaction that carries its effect: {@link #claim()} before
 * the effect's first write, {@link #complete} after its last. A request without a key has the claim {@link #none()},
 * which does nothing. The guarded unit of work runs a request's claim itself; order combining runs the claims of a
 * batch's members in the batch's transaction, each at its member's turn.
 */
public interface IdempotencyClaim<R> {

    /**
     * Claims the key in the running transaction.
     *
     * @throws com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException when a concurrent request
     *         claimed it first and committed: that request answers, its result is replayed
     */
    void claim();

    /** Records the result of the claimed key, in the same transaction. */
    void complete(R result);

    /** The claim of a request without a key. */
    static <R> IdempotencyClaim<R> none() {
        return new IdempotencyClaim<>() {
            @Override
            public void claim() {
            }

            @Override
            public void complete(R result) {
            }
        };
    }
}

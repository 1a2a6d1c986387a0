package com.ecommerce.application.idempotency.port.out;

/** Another request has already claimed (and committed) the same idempotency key. */
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException(String key, Throwable cause) {
        super("idempotency key already claimed: " + key, cause);
    }
}

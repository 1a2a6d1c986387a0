package com.ecommerce.application.idempotency.port.out;

import java.time.Instant;

/**
 * What is remembered of one successful money-moving request: which request it was ({@code fingerprint}), the
 * value its response is rebuilt from ({@code result}: the balance after a charge, the id of an order) and when its
 * key was claimed ({@code createdAt}, whole seconds), from which its expiry is counted. {@code result} is null while
 * the request that claimed the key is still running.
 */
public record IdempotencyRecord(String scope, long userId, String key, String fingerprint, Long result,
                                Instant createdAt) {
}

package com.ecommerce.pgsimulator;

import java.time.Instant;

/**
 * One call to the PG API as the simulator saw it.
 *
 * @param orderId    the order id it named or, for a cancel, the one its payment key belongs to; null when unknown
 * @param status     the HTTP status answered; null while the call is still being answered
 * @param answeredAt null while the call is still being answered
 */
public record Call(Kind kind, String orderId, String paymentKey, String idempotencyKey, Integer status,
                   Instant receivedAt, Instant answeredAt) {

    public enum Kind { CONFIRM, LOOKUP, CANCEL }
}

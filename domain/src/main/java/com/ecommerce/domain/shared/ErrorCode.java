package com.ecommerce.domain.shared;

/**
 * The business outcomes of the service, part of its stable error catalogue: clients switch on these names, so a
 * code is never renamed or reused for another meaning. Transport outcomes (an unknown route, a wrong method, a body
 * too large, ...) are the web adapter's, not the domain's.
 */
public enum ErrorCode {
    INVALID_REQUEST,
    /** the actor is known but may not do this (see {@code Actor}) */
    FORBIDDEN,
    USER_NOT_FOUND,
    ITEM_NOT_FOUND,
    ORDER_NOT_FOUND,
    INSUFFICIENT_POINTS,
    OUT_OF_STOCK,
    POINT_LIMIT_EXCEEDED,
    STOCK_LIMIT_EXCEEDED,
    CONCURRENT_UPDATE,
    IDEMPOTENCY_KEY_REUSED,
    LOCK_TIMEOUT,
    LOCK_UNAVAILABLE,
    /**
     * no database connection within the pool's connection wait (every connection in use, or the database not
     * answering), or the public catalogue's share of them taken; nothing changed
     */
    DATABASE_UNAVAILABLE,
    /**
     * the database link failed at the commit: the service cannot know whether the request took effect; a repeat
     * with the same {@code Idempotency-Key} replays it if it did and runs it if it did not
     */
    COMMIT_OUTCOME_UNKNOWN,
    PAYMENT_NOT_FOUND,
    /** a confirm named another amount than the payment's; the gateway was not asked */
    PAYMENT_AMOUNT_MISMATCH,
    /** the payment gateway refused the payment; final */
    PAYMENT_DECLINED,
    /** the payment gateway did not answer in time; the payment is looked up before anything else is tried */
    PAYMENT_OUTCOME_UNKNOWN,
    /** no payment gateway is configured on this deployment */
    PAYMENTS_DISABLED
}

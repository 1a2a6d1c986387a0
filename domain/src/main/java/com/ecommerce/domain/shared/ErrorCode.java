package com.ecommerce.domain.shared;

/**
 * The stable error catalogue of the service. Clients switch on these names, so a code is never renamed
 * or reused for another meaning.
 */
public enum ErrorCode {
    INVALID_REQUEST,
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
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    INTERNAL_ERROR
}

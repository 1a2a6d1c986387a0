package com.ecommerce.adapter.in.web.shared;

/** The header of the money-moving requests; its format is checked by {@code IdempotencyKey}. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";

    private IdempotencyKeyHeader() {
    }
}

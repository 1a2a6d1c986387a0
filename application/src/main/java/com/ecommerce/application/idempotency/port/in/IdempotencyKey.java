package com.ecommerce.application.idempotency.port.in;

import com.ecommerce.domain.shared.InvalidRequestException;

import java.util.regex.Pattern;

/** A client-chosen key, 1 to 64 characters of {@code [A-Za-z0-9_-]}, that makes a money-moving request repeatable. */
public record IdempotencyKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public IdempotencyKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
    }

    /** The key of a request, or null when the client sent none. */
    public static IdempotencyKey ofNullable(String raw) {
        return raw == null ? null : new IdempotencyKey(raw);
    }
}

package com.ecommerce.domain.shared;

import java.util.Map;
import java.util.Objects;

/**
 * The one exception the core throws for a business outcome. It is unchecked so that it crosses the lambdas
 * of {@code LockPort} and {@code TransactionPort} untouched. {@code details} carries machine-readable facts
 * (for example the items that are out of stock) that the web adapter may expose.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    protected DomainException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}

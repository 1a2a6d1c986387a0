package com.ecommerce.domain.shared;

/** One invalid field of a request and why it was rejected. */
public record FieldViolation(String field, String reason) {
}

package com.ecommerce.domain.shared;

import java.util.List;

/** {@link ErrorCode#INVALID_REQUEST} with the list of fields that failed and why. */
public class InvalidRequestException extends DomainException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(ErrorCode.INVALID_REQUEST, "The request is invalid: " + describe(violations));
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldViolation(field, reason)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String describe(List<FieldViolation> violations) {
        return String.join("; ", violations.stream().map(v -> v.field() + " " + v.reason()).toList());
    }
}

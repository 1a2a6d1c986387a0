package com.ecommerce.domain.shared;

/** Argument checks that answer {@link ErrorCode#INVALID_REQUEST} naming the field. */
public final class Checks {

    private Checks() {
    }

    /** Ids are positive 64-bit integers. */
    public static long positiveId(String field, long id) {
        if (id <= 0) {
            throw InvalidRequestException.of(field, "must be a positive id");
        }
        return id;
    }

    public static long inRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw InvalidRequestException.of(field, "must be between " + min + " and " + max);
        }
        return value;
    }
}

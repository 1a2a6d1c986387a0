package com.ecommerce.domain.shared;

/** Names are stored trimmed and must be 1 to {@link Limits#NAME_MAX_LENGTH} characters after trimming. */
public final class Names {

    private Names() {
    }

    public static String normalize(String field, String raw) {
        if (raw == null) {
            throw InvalidRequestException.of(field, "must not be null");
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            throw InvalidRequestException.of(field, "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > Limits.NAME_MAX_LENGTH) {
            throw InvalidRequestException.of(field, "must be at most " + Limits.NAME_MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}

package com.ecommerce.domain.shared;

/**
 * Names are stored trimmed and must be 1 to {@link Limits#NAME_MAX_LENGTH} characters after trimming, with no control
 * characters (line breaks, tabs, NUL, escapes: a name is one line of text on a label or in a log), no format
 * characters (invisible ones that reorder or hide text: bidirectional overrides, zero-width spaces and joiners, the
 * byte order mark) and no half of a surrogate pair (no character at all; a database refuses it).
 */
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
        trimmed.codePoints().filter(Names::refused).findFirst().ifPresent(refused -> {
            throw InvalidRequestException.of(field, "must not contain control or format characters (U+%04X)"
                    .formatted(refused));
        });
        return trimmed;
    }

    private static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }
}

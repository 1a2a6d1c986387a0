package com.ecommerce.domain.shared;

/** A page request: {@code page} 0 or more, {@code size} 1 to {@link Limits#PAGE_SIZE_MAX}. */
public record PageQuery(int page, int size) {

    public PageQuery {
        if (page < 0) {
            throw InvalidRequestException.of("page", "must be 0 or more");
        }
        Checks.inRange("size", size, Limits.PAGE_SIZE_MIN, Limits.PAGE_SIZE_MAX);
    }

    public long offset() {
        return (long) page * size;
    }
}

package com.ecommerce.application.paging;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.InvalidRequestException;

/** A page request: {@code page} 0 or more, {@code size} {@link #SIZE_MIN} to {@link #SIZE_MAX}. */
public record PageQuery(int page, int size) {

    public static final int SIZE_MIN = 1;
    public static final int SIZE_MAX = 100;
    /** The size when the client names none; the web adapter's request parameter defaults read it. */
    public static final int SIZE_DEFAULT = 20;

    public PageQuery {
        if (page < 0) {
            throw InvalidRequestException.of("page", "must be 0 or more");
        }
        Checks.inRange("size", size, SIZE_MIN, SIZE_MAX);
    }

    public long offset() {
        return (long) page * size;
    }
}

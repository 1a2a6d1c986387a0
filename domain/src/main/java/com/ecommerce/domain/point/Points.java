package com.ecommerce.domain.point;

import com.ecommerce.domain.shared.Limits;

/**
 * An amount of points, 0 to {@link Limits#BALANCE_MAX}. Used where two amounts stand side by side (a history entry's
 * movement and the balance after it), so that they cannot be swapped by position.
 */
public record Points(long value) {

    public Points {
        if (value < 0 || value > Limits.BALANCE_MAX) {
            throw new IllegalArgumentException("points out of range: " + value);
        }
    }

    public static Points of(long value) {
        return new Points(value);
    }
}

package com.ecommerce.domain.point;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement of a balance. {@code amount} is always positive, {@code type} says which way it went, and
 * {@code balanceAfter} is the balance right after it, so the history can be audited against the balance.
 * {@code createdAt} is null until the entry is stored.
 */
public record PointHistory(Long id, long userId, PointTransactionType type, long amount, long balanceAfter,
                           Long orderId, Instant createdAt) {

    public PointHistory {
        Objects.requireNonNull(type, "type");
        if (amount <= 0) {
            throw new IllegalArgumentException("history amounts are positive: " + amount);
        }
        if (type == PointTransactionType.USE && orderId == null) {
            throw new IllegalArgumentException("a use belongs to an order");
        }
    }

    static PointHistory charge(long userId, long amount, long balanceAfter) {
        return new PointHistory(null, userId, PointTransactionType.CHARGE, amount, balanceAfter, null, null);
    }

    static PointHistory use(long userId, long amount, long balanceAfter, long orderId) {
        return new PointHistory(null, userId, PointTransactionType.USE, amount, balanceAfter, orderId, null);
    }

    public PointHistory at(Instant when) {
        return new PointHistory(id, userId, type, amount, balanceAfter, orderId, when);
    }
}

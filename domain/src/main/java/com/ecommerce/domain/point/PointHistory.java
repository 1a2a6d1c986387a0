package com.ecommerce.domain.point;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement of a balance. {@code amount} is always positive, {@code type} says which way it went, and
 * {@code balanceAfter} is the balance right after it, so the history can be audited against the balance.
 * {@code id} and {@code createdAt} are null until the entry is stored.
 */
public record PointHistory(Long id, long userId, PointTransactionType type, Points amount, Points balanceAfter,
                           Long orderId, String paymentId, Instant createdAt) {

    public PointHistory {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        if (amount.value() == 0) {
            throw new IllegalArgumentException("history amounts are positive");
        }
        if (type == PointTransactionType.USE && orderId == null) {
            throw new IllegalArgumentException("a use belongs to an order");
        }
        if (type == PointTransactionType.USE && paymentId != null) {
            throw new IllegalArgumentException("a use is not paid by a payment");
        }
    }

    static PointHistory charge(long userId, long amount, long balanceAfter) {
        return new PointHistory(null, userId, PointTransactionType.CHARGE, Points.of(amount), Points.of(balanceAfter),
                null, null, null);
    }

    static PointHistory use(long userId, long amount, long balanceAfter, long orderId) {
        return new PointHistory(null, userId, PointTransactionType.USE, Points.of(amount), Points.of(balanceAfter),
                orderId, null, null);
    }

    public PointHistory at(Instant when) {
        return new PointHistory(id, userId, type, amount, balanceAfter, orderId, paymentId, when);
    }

    /** This charge, as the credit of an approved payment. */
    public PointHistory forPayment(String approved) {
        if (type != PointTransactionType.CHARGE) {
            throw new IllegalStateException("only a charge credits a payment");
        }
        return new PointHistory(id, userId, type, amount, balanceAfter, orderId, approved, createdAt);
    }
}

package com.ecommerce.domain.point;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;

/**
 * A user's point balance. Invariant: {@code 0 <= balance <= Limits.BALANCE_MAX}. {@code version} is the
 * optimistic version the row was read at; the store refuses a write whose version is stale.
 */
public final class Point {

    private final long userId;
    private long balance;
    private final long version;

    private Point(long userId, long balance, long version) {
        if (balance < 0 || balance > Limits.BALANCE_MAX) {
            throw new IllegalArgumentException("balance out of range: " + balance);
        }
        this.userId = userId;
        this.balance = balance;
        this.version = version;
    }

    public static Point openFor(long userId) {
        return new Point(userId, 0, 0);
    }

    public static Point reconstitute(long userId, long balance, long version) {
        return new Point(userId, balance, version);
    }

    /** Adds {@code amount} (1 to {@link Limits#CHARGE_MAX}); the balance may not pass {@link Limits#BALANCE_MAX}. */
    public PointHistory charge(long amount) {
        Checks.inRange("amount", amount, Limits.CHARGE_MIN, Limits.CHARGE_MAX);
        if (amount > Limits.BALANCE_MAX - balance) {
            throw new DomainException(ErrorCode.POINT_LIMIT_EXCEEDED,
                    "A balance can never exceed " + Limits.BALANCE_MAX + "; it is " + balance + " and the charge is " + amount);
        }
        balance += amount;
        return PointHistory.charge(userId, amount, balance);
    }

    /** Spends {@code amount} (positive) for an order; the balance never goes below zero. */
    public PointHistory use(long amount, long orderId) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a use must be positive: " + amount);
        }
        if (amount > balance) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS,
                    "The balance " + balance + " does not cover the amount " + amount);
        }
        balance -= amount;
        return PointHistory.use(userId, amount, balance, orderId);
    }

    public boolean covers(long amount) {
        return amount <= balance;
    }

    public long userId() {
        return userId;
    }

    public long balance() {
        return balance;
    }

    public long version() {
        return version;
    }
}

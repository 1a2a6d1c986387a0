package com.ecommerce.domain.payment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment stands. {@code READY} until a confirm claims it; {@code IN_PROGRESS} while exactly one request (or
 * the reconciler) holds the claim and talks to the gateway; {@code UNKNOWN} when that talk ended without an answer
 * (the gateway may have approved it); {@code DONE}, {@code DECLINED} and {@code CANCELED} are final.
 */
public enum PaymentStatus {
    READY,
    IN_PROGRESS,
    DONE,
    DECLINED,
    UNKNOWN,
    CANCELED;

    /** The moves a payment may make; an {@code IN_PROGRESS} payment moves to itself when a stale claim is taken over. */
    public Set<PaymentStatus> next() {
        return switch (this) {
            case READY, UNKNOWN -> EnumSet.of(IN_PROGRESS);
            case IN_PROGRESS -> EnumSet.of(IN_PROGRESS, DONE, DECLINED, UNKNOWN, CANCELED);
            case DONE, DECLINED, CANCELED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean mayMoveTo(PaymentStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}

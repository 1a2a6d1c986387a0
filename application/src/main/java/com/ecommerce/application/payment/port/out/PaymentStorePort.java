package com.ecommerce.application.payment.port.out;

import com.ecommerce.domain.payment.Payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Payments. */
public interface PaymentStorePort {

    Optional<Payment> findPayment(String paymentId);

    /** @throws IllegalStateException when the id is taken (ids are random: never in practice) */
    void addPayment(Payment payment);

    /**
     * Writes the payment if the stored version is still {@code payment.version()}, and bumps the version.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was read
     */
    void updatePayment(Payment payment);

    /**
     * Up to {@code limit} payments a talk with the gateway left open at {@code now}: {@code UNKNOWN} ones, and
     * {@code IN_PROGRESS} ones whose claim has expired (their holder died or stalled). Oldest first.
     */
    List<Payment> findUnsettled(Instant now, int limit);
}

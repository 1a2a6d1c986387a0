package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.PaymentStatus;

import java.time.Instant;

/** A payment as its buyer sees it; {@code balance} and {@code approvedAt} once it is {@code DONE}. */
public record PaymentView(String paymentId, long userId, long amount, PaymentStatus status, Long balance,
                          Instant approvedAt, String pgCode, Instant createdAt) {

    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.paymentId(), payment.userId(), payment.amount(), payment.status(),
                payment.balanceAfter(), payment.approvedAt(), payment.pgCode(), payment.createdAt());
    }
}

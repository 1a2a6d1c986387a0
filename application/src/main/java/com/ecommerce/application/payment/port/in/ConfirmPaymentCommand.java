package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

import java.util.Objects;

/** The buyer's confirm of {@code paymentId}, with the key the gateway's payment window gave them. */
public record ConfirmPaymentCommand(long userId, String paymentId, String paymentKey, long amount) {

    public ConfirmPaymentCommand {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(paymentKey, "paymentKey");
        if (paymentKey.isBlank() || paymentKey.length() > Payment.PAYMENT_KEY_MAX) {
            throw new IllegalArgumentException("paymentKey: 1 to " + Payment.PAYMENT_KEY_MAX + " characters");
        }
        Checks.inRange("amount", amount, Limits.CHARGE_MIN, Limits.CHARGE_MAX);
    }
}

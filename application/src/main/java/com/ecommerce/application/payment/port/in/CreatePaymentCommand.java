package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

/** A payment of {@code amount} won to add to {@code userId}'s balance once the gateway approves it. */
public record CreatePaymentCommand(long userId, long amount) {

    public CreatePaymentCommand {
        Checks.inRange("amount", amount, Limits.CHARGE_MIN, Limits.CHARGE_MAX);
    }
}

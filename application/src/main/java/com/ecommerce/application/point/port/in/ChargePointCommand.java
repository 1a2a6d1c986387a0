package com.ecommerce.application.point.port.in;

import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

/** Charges {@code amount} (1 to 1,000,000) to a balance; {@code idempotencyKey} may be null. */
public record ChargePointCommand(long userId, long amount, IdempotencyKey idempotencyKey) {

    public ChargePointCommand {
        Checks.positiveId("userId", userId);
        Checks.inRange("amount", amount, Limits.CHARGE_MIN, Limits.CHARGE_MAX);
    }

    /** What makes two requests "the same request" for idempotency. */
    public String fingerprint() {
        return "amount=" + amount;
    }
}

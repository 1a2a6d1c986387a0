package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.user.Actor;

public interface ConfirmPaymentUseCase {

    /**
     * The payment, {@code DONE} and credited, after at most one confirm at the gateway whatever the repeats.
     *
     * @throws com.ecommerce.domain.shared.DomainException {@code PAYMENT_DECLINED}, {@code PAYMENT_OUTCOME_UNKNOWN},
     *         {@code PAYMENT_AMOUNT_MISMATCH}, {@code PAYMENT_NOT_FOUND}, {@code POINT_LIMIT_EXCEEDED} (approved,
     *         not creditable, cancelled at the gateway)
     */
    PaymentView confirm(Actor actor, ConfirmPaymentCommand command);
}

package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.user.Actor;

public interface CreatePaymentUseCase {

    /** A {@code READY} payment; refused when its credit would pass the balance cap now. */
    PaymentView create(Actor actor, CreatePaymentCommand command);
}

package com.ecommerce.application.payment.port.in;

import com.ecommerce.domain.user.Actor;

public interface GetPaymentUseCase {

    PaymentView get(Actor actor, long userId, String paymentId);
}

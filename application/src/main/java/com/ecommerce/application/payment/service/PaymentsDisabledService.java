package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.ConfirmPaymentUseCase;
import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentUseCase;
import com.ecommerce.application.payment.port.in.GetPaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;

/** A deployment without a payment gateway: every payment endpoint says so, after the caller's rights. */
public class PaymentsDisabledService implements CreatePaymentUseCase, ConfirmPaymentUseCase, GetPaymentUseCase {

    @Override
    public PaymentView create(Actor actor, CreatePaymentCommand command) {
        return refuse(actor, command.userId());
    }

    @Override
    public PaymentView confirm(Actor actor, ConfirmPaymentCommand command) {
        return refuse(actor, command.userId());
    }

    @Override
    public PaymentView get(Actor actor, long userId, String paymentId) {
        return refuse(actor, userId);
    }

    private static PaymentView refuse(Actor actor, long userId) {
        actor.requireActsFor(userId);
        throw new DomainException(ErrorCode.PAYMENTS_DISABLED, "Payments are off: this deployment has no payment "
                + "gateway (set ecommerce.payment.gateway.base-url and ecommerce.payment.gateway.secret-key)");
    }
}

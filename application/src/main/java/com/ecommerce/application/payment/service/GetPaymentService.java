package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.GetPaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.user.Actor;

public class GetPaymentService implements GetPaymentUseCase {

    private final PaymentStorePort payments;
    private final TransactionPort transactions;

    public GetPaymentService(PaymentStorePort payments, TransactionPort transactions) {
        this.payments = payments;
        this.transactions = transactions;
    }

    @Override
    public PaymentView get(Actor actor, long userId, String paymentId) {
        actor.requireActsFor(userId);
        return PaymentView.of(Payments.ofUser(payments, transactions, userId, paymentId));
    }
}

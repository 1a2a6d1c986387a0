package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.Actor;

import java.time.Clock;

/**
 * A new {@code READY} payment. Nothing is locked: a payment moves no money until it is confirmed, and the credit
 * checks the cap again under the balance's lock.
 */
public class CreatePaymentService implements CreatePaymentUseCase {

    private final PaymentStorePort payments;
    private final PointStorePort points;
    private final TransactionPort transactions;
    private final Clock clock;

    public CreatePaymentService(PaymentStorePort payments, PointStorePort points, TransactionPort transactions,
                                Clock clock) {
        this.payments = payments;
        this.points = points;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PaymentView create(Actor actor, CreatePaymentCommand command) {
        long userId = command.userId();
        actor.requireActsFor(userId);
        Payment payment = transactions.inTransaction(() -> {
            Point point = points.findPoint(userId).orElseThrow(() -> NotFound.user(userId));
            if (command.amount() > Limits.BALANCE_MAX - point.balance()) {
                throw new DomainException(ErrorCode.POINT_LIMIT_EXCEEDED, "A balance can never exceed "
                        + Limits.BALANCE_MAX + "; it is " + point.balance() + " and the payment is " + command.amount());
            }
            Payment created = Payment.create(PaymentIds.next(), userId, command.amount(), Timestamps.now(clock));
            payments.addPayment(created);
            return created;
        });
        return PaymentView.of(payment);
    }
}

package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

/** Reading a user's payment: another user's is answered as if it did not exist. */
final class Payments {

    private Payments() {
    }

    static Payment ofUser(PaymentStorePort payments, TransactionPort transactions, long userId, String paymentId) {
        return transactions.readOnly(() -> payments.findPayment(paymentId))
                .filter(payment -> payment.userId() == userId)
                .orElseThrow(() -> notFound(paymentId));
    }

    static DomainException notFound(String paymentId) {
        return new DomainException(ErrorCode.PAYMENT_NOT_FOUND, "No payment " + paymentId);
    }
}

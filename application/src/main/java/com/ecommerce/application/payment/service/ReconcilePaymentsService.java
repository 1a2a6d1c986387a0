package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.ReconcilePaymentsUseCase;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.payment.Payment;

import java.time.Clock;
import java.util.List;

/**
 * A round of the reconciler: the payments a talk left open ({@code UNKNOWN}, or {@code IN_PROGRESS} past their
 * claim), each claimed like a buyer's repeat would claim it, looked up at the gateway and settled. A payment
 * another instance claimed first is skipped. One payment's failure (the database, the lock) leaves it for the next
 * round and does not stop the others.
 */
public class ReconcilePaymentsService implements ReconcilePaymentsUseCase {

    static final int ROUND = 50;
    private static final System.Logger LOG = System.getLogger(ReconcilePaymentsService.class.getName());

    private final PaymentStorePort payments;
    private final TransactionPort transactions;
    private final PaymentSettlement settlement;
    private final Clock clock;

    public ReconcilePaymentsService(PaymentStorePort payments, TransactionPort transactions,
                                    PaymentSettlement settlement, Clock clock) {
        this.payments = payments;
        this.transactions = transactions;
        this.settlement = settlement;
        this.clock = clock;
    }

    @Override
    public int reconcile() {
        List<Payment> unsettled = transactions.readOnly(() -> payments.findUnsettled(clock.instant(), ROUND));
        int settled = 0;
        for (Payment payment : unsettled) {
            try {
                var claim = settlement.claim(payment.paymentId(), payment.userId(), payment.paymentKey());
                if (claim.isPresent()
                        && settlement.settle(claim.get(), payment.userId(), payment.amount()).status().isFinal()) {
                    settled++;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "payment " + payment.paymentId() + " left for the next round", e);
            }
        }
        return settled;
    }

}

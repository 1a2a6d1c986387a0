package com.ecommerce.application.testing;

import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.PaymentStatus;
import com.ecommerce.domain.shared.ConcurrentUpdateException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The in-memory {@link PaymentStorePort}: payments as rows, each with the version its last write left. */
public class InMemoryPayments implements PaymentStorePort {

    private static final Comparator<Payment.State> OLDEST_FIRST =
            Comparator.comparing(Payment.State::createdAt).thenComparing(Payment.State::paymentId);

    private final InMemoryDatabase database;

    public InMemoryPayments(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Payment> findPayment(String paymentId) {
        return Optional.ofNullable(database.payments.get(paymentId)).map(Payment::reconstitute);
    }

    @Override
    public void addPayment(Payment payment) {
        Payment.State state = payment.state();
        if (database.payments.putIfAbsent(state.paymentId(), state) != null) {
            throw new IllegalStateException("The payment id " + state.paymentId() + " is taken");
        }
    }

    @Override
    public void updatePayment(Payment payment) {
        Payment.State s = payment.state();
        Payment.State row = database.payments.get(s.paymentId());
        if (row == null || row.version() != s.version()) {
            throw new ConcurrentUpdateException("The payment " + s.paymentId());
        }
        // the amount, the buyer and the creation time are the row's own, as the adapter's update leaves them
        database.payments.put(s.paymentId(), new Payment.State(row.paymentId(), row.userId(), row.amount(),
                s.status(), s.paymentKey(), s.attempt(), s.claimExpiresAt(), s.settlesAt(), s.pgCode(),
                s.approvedAt(), s.balanceAfter(), row.createdAt(), row.version() + 1));
    }

    @Override
    public List<Payment> findUnsettled(Instant now, int limit) {
        return database.payments.values().stream()
                .filter(s -> s.status() == PaymentStatus.UNKNOWN
                        || (s.status() == PaymentStatus.IN_PROGRESS && !s.claimExpiresAt().isAfter(now)))
                .sorted(OLDEST_FIRST).limit(limit).map(Payment::reconstitute).toList();
    }
}

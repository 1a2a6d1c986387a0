package com.ecommerce.adapter.out.persistence.payment;

import com.ecommerce.adapter.out.persistence.shared.VersionFence;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.PaymentStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityExistsException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payments ({@code payment}) with JPA. A payment is read as plain values, as balances are, and written by the
 * version-checked update, the fence: that update bypasses the persistence context, so an entity loaded before it
 * would answer the old values to the next read of the same transaction.
 */
public class PaymentStoreAdapter implements PaymentStorePort {

    /** What the payment queries select, built by Hibernate through this constructor. */
    record PaymentRow(String paymentId, long userId, long amount, PaymentStatus status, String paymentKey,
                      int attempt, Instant claimExpiresAt, Instant settlesAt, String pgCode, Instant approvedAt,
                      Long balanceAfter, Instant createdAt, long version) {

        Payment toDomain() {
            return Payment.reconstitute(new Payment.State(paymentId, userId, amount, status, paymentKey, attempt,
                    claimExpiresAt, settlesAt, pgCode, approvedAt, balanceAfter, createdAt, version));
        }
    }

    private final EntityManager em;
    private final VersionFence fence;

    public PaymentStoreAdapter(EntityManager em) {
        this.em = em;
        this.fence = new VersionFence(em, "The payment");
    }

    @Override
    public Optional<Payment> findPayment(String paymentId) {
        return em.createNamedQuery(PaymentJpaEntity.FIND_BY_ID, PaymentRow.class).setParameter("paymentId", paymentId)
                .getResultList().stream().findFirst().map(PaymentRow::toDomain);
    }

    /**
     * Flushed at once, so that a taken id fails here rather than at the commit: as the persistence context's entity
     * when this transaction added it, as the primary key's refusal when another one did.
     */
    @Override
    public void addPayment(Payment payment) {
        Payment.State s = payment.state();
        try {
            em.persist(new PaymentJpaEntity(s.paymentId(), s.userId(), s.amount(), s.status(), s.paymentKey(),
                    s.attempt(), s.claimExpiresAt(), s.settlesAt(), s.pgCode(), s.approvedAt(), s.balanceAfter(),
                    s.createdAt(), s.version()));
            em.flush();
        } catch (EntityExistsException | ConstraintViolationException e) {
            if (e instanceof ConstraintViolationException violation && violation.getKind() != ConstraintKind.UNIQUE) {
                throw e;
            }
            throw new IllegalStateException("The payment id " + s.paymentId() + " is taken", e);
        }
    }

    @Override
    public void updatePayment(Payment payment) {
        Payment.State s = payment.state();
        fence.update(s.paymentId(), () -> em.createNamedQuery(PaymentJpaEntity.UPDATE_BY_ID_AND_VERSION)
                .setParameter("status", s.status()).setParameter("paymentKey", s.paymentKey())
                .setParameter("attempt", s.attempt()).setParameter("claimExpiresAt", s.claimExpiresAt())
                .setParameter("settlesAt", s.settlesAt()).setParameter("pgCode", s.pgCode())
                .setParameter("approvedAt", s.approvedAt()).setParameter("balanceAfter", s.balanceAfter())
                .setParameter("paymentId", s.paymentId()).setParameter("version", s.version()).executeUpdate());
    }

    /**
     * Through {@code ix_payment_status_created_at}: the two statuses' slices of the index, never the final
     * payments. Ties of {@code created_at} go by id, so that a round and its limit cut the same order every time.
     */
    @Override
    public List<Payment> findUnsettled(Instant now, int limit) {
        return em.createNamedQuery(PaymentJpaEntity.FIND_UNSETTLED, PaymentRow.class)
                .setParameter("unknown", PaymentStatus.UNKNOWN).setParameter("inProgress", PaymentStatus.IN_PROGRESS)
                .setParameter("now", now).setMaxResults(limit)
                .getResultList().stream().map(PaymentRow::toDomain).toList();
    }
}

package com.ecommerce.adapter.out.persistence.payment;

import com.ecommerce.domain.payment.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity(name = "Payment")
@NamedQuery(name = PaymentJpaEntity.FIND_BY_ID, query = "select " + PaymentJpaEntity.ROW
        + "from Payment p "
        + "where p.paymentId = :paymentId")
@NamedQuery(name = PaymentJpaEntity.FIND_UNSETTLED, query = "select " + PaymentJpaEntity.ROW
        + "from Payment p "
        + "where p.status = :unknown "
        + "or (p.status = :inProgress and p.claimExpiresAt <= :now) "
        + "order by p.createdAt, p.paymentId")
@NamedQuery(name = PaymentJpaEntity.UPDATE_BY_ID_AND_VERSION, query = "update Payment p "
        + "set p.status = :status, p.paymentKey = :paymentKey, p.attempt = :attempt, "
        + "p.claimExpiresAt = :claimExpiresAt, p.settlesAt = :settlesAt, p.pgCode = :pgCode, "
        + "p.approvedAt = :approvedAt, p.balanceAfter = :balanceAfter, p.version = p.version + 1 "
        + "where p.paymentId = :paymentId and p.version = :version")
@Table(name = "payment")
class PaymentJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_ID = "Payment.findById";
    static final String FIND_UNSETTLED = "Payment.findUnsettled";
    static final String UPDATE_BY_ID_AND_VERSION = "Payment.updateByIdAndVersion";

    /** Every value of a payment, in the order of {@link PaymentStoreAdapter.PaymentRow}'s components. */
    static final String ROW = "p.paymentId, p.userId, p.amount, p.status, p.paymentKey, p.attempt, "
            + "p.claimExpiresAt, p.settlesAt, p.pgCode, p.approvedAt, p.balanceAfter, p.createdAt, p.version ";

    @Id
    @Column(name = "payment_id", length = 64)
    private String paymentId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false)
    private long amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PaymentStatus status;

    @Column(name = "payment_key", length = 200)
    private String paymentKey;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "claim_expires_at")
    private Instant claimExpiresAt;

    @Column(name = "settles_at")
    private Instant settlesAt;

    @Column(name = "pg_code", length = 64)
    private String pgCode;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "balance_after")
    private Long balanceAfter;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Bumped by the store's version-checked update (the fence); no JPA {@code @Version}: one fence, one owner. */
    @Column(nullable = false)
    private long version;

    protected PaymentJpaEntity() {
    }

    PaymentJpaEntity(String paymentId, long userId, long amount, PaymentStatus status, String paymentKey,
                     int attempt, Instant claimExpiresAt, Instant settlesAt, String pgCode, Instant approvedAt,
                     Long balanceAfter, Instant createdAt, long version) {
        this.paymentId = paymentId;
        this.userId = userId;
        this.amount = amount;
        this.status = status;
        this.paymentKey = paymentKey;
        this.attempt = attempt;
        this.claimExpiresAt = claimExpiresAt;
        this.settlesAt = settlesAt;
        this.pgCode = pgCode;
        this.approvedAt = approvedAt;
        this.balanceAfter = balanceAfter;
        this.createdAt = createdAt;
        this.version = version;
    }
}

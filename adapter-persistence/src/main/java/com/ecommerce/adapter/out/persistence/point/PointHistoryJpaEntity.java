package com.ecommerce.adapter.out.persistence.point;

import com.ecommerce.domain.point.PointTransactionType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** Append-only: history rows are never updated, so they carry no version. */
@Entity(name = "PointHistory")
@NamedQuery(name = PointHistoryJpaEntity.FIND_BY_USER, query = "select h "
        + "from PointHistory h "
        + "where h.userId = :userId "
        + "order by h.id desc")
@NamedQuery(name = PointHistoryJpaEntity.COUNT_BY_USER, query = "select count(h) "
        + "from PointHistory h "
        + "where h.userId = :userId")
@Table(name = "point_history")
class PointHistoryJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_USER = "PointHistory.findByUser";
    static final String COUNT_BY_USER = "PointHistory.countByUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PointTransactionType type;

    @Column(nullable = false)
    private long amount;

    @Column(name = "balance_after", nullable = false)
    private long balanceAfter;

    @Column(name = "order_id")
    private Long orderId;

    /** The payment a {@code CHARGE} credited; unique, so that no payment is credited twice. */
    @Column(name = "payment_id", length = 64)
    private String paymentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PointHistoryJpaEntity() {
    }

    PointHistoryJpaEntity(long userId, PointTransactionType type, long amount, long balanceAfter, Long orderId,
                          String paymentId, Instant createdAt) {
        this.userId = userId;
        this.type = type;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.orderId = orderId;
        this.paymentId = paymentId;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    long getUserId() {
        return userId;
    }

    PointTransactionType getType() {
        return type;
    }

    long getAmount() {
        return amount;
    }

    long getBalanceAfter() {
        return balanceAfter;
    }

    Long getOrderId() {
        return orderId;
    }

    String getPaymentId() {
        return paymentId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}

package com.ecommerce.adapter.out.persistence.order;

import com.ecommerce.domain.order.OrderStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity(name = "Orders")
@NamedQuery(name = OrderJpaEntity.FIND_BY_ID_WITH_LINES, query = "select o "
        + "from Orders o "
        + "left join fetch o.lines "
        + "where o.id = :id")
@NamedQuery(name = OrderJpaEntity.FIND_BY_USER, query = "select o "
        + "from Orders o "
        + "where o.userId = :userId "
        + "order by o.id desc")
@NamedQuery(name = OrderJpaEntity.COUNT_BY_USER, query = "select count(o) "
        + "from Orders o "
        + "where o.userId = :userId")
@Table(name = "orders")
class OrderJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_ID_WITH_LINES = "Orders.findByIdWithLines";
    static final String FIND_BY_USER = "Orders.findByUser";
    static final String COUNT_BY_USER = "Orders.countByUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderStatus status;

    @Column(name = "total_amount", nullable = false)
    private long totalAmount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The schema gives every aggregate row a version; these rows are written once and never updated, so it stays 0. */
    @Column(nullable = false)
    private long version;

    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLineEmbeddable> lines = new ArrayList<>();

    protected OrderJpaEntity() {
    }

    OrderJpaEntity(long userId, OrderStatus status, long totalAmount, Instant createdAt,
                   List<OrderLineEmbeddable> lines) {
        this.userId = userId;
        this.status = status;
        this.totalAmount = totalAmount;
        this.createdAt = createdAt;
        this.lines = new ArrayList<>(lines);
    }

    Long getId() {
        return id;
    }

    long getUserId() {
        return userId;
    }

    OrderStatus getStatus() {
        return status;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    List<OrderLineEmbeddable> getLines() {
        return lines;
    }
}

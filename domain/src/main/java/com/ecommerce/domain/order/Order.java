package com.ecommerce.domain.order;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A paid order: 1 to {@link Limits#ORDER_LINES_MAX} lines, no item twice, positive quantities. The total is
 * derived from the lines (at most 50 * 10^8 * 10^3, far inside a long).
 */
public final class Order {

    private final Long id;
    private final long userId;
    private final OrderStatus status;
    private final List<OrderLine> lines;
    private final Instant createdAt;

    private Order(Long id, long userId, OrderStatus status, List<OrderLine> lines, Instant createdAt) {
        this.id = id;
        this.userId = Checks.positiveId("userId", userId);
        this.status = Objects.requireNonNull(status, "status");
        this.lines = List.copyOf(requireValidLines(lines));
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Order paid(long userId, List<OrderLine> lines, Instant createdAt) {
        return new Order(null, userId, OrderStatus.PAID, lines, createdAt);
    }

    public static Order reconstitute(long id, long userId, OrderStatus status, List<OrderLine> lines, Instant createdAt) {
        return new Order(id, userId, status, lines, createdAt);
    }

    /** The same order with the id the store gave it. */
    public Order withId(long newId) {
        return new Order(newId, userId, status, lines, createdAt);
    }

    private static List<OrderLine> requireValidLines(List<OrderLine> lines) {
        OrderLines.requireValidItemIds(lines == null ? null : lines.stream().map(OrderLine::itemId).toList());
        return lines;
    }

    public long totalAmount() {
        return lines.stream().mapToLong(OrderLine::amount).sum();
    }

    public Long id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public OrderStatus status() {
        return status;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

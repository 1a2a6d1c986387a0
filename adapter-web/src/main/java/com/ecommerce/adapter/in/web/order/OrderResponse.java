package com.ecommerce.adapter.in.web.order;

import com.ecommerce.domain.order.Order;

import java.time.Instant;
import java.util.List;

record OrderResponse(long orderId, long userId, String status, long totalAmount, List<OrderLineResponse> lines,
                     Instant createdAt) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.userId(), order.status().name(), order.totalAmount(),
                order.lines().stream()
                        .map(l -> new OrderLineResponse(l.itemId(), l.unitPrice(), l.quantity(), l.amount()))
                        .toList(),
                order.createdAt());
    }

    record OrderLineResponse(long itemId, long unitPrice, int quantity, long amount) {
    }
}

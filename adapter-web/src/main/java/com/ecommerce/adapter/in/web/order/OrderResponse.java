package com.ecommerce.adapter.in.web.order;

import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Order", description = "A placed order: stored only once paid")
record OrderResponse(@Schema(example = "7") long orderId, @Schema(example = "1") long userId, OrderStatus status,
                     @Schema(example = "3000", description = "In won") long totalAmount,
                     List<OrderLineResponse> lines, Instant createdAt) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.userId(), order.status(), order.totalAmount(),
                order.lines().stream()
                        .map(l -> new OrderLineResponse(l.itemId(), l.unitPrice(), l.quantity(), l.amount()))
                        .toList(),
                order.createdAt());
    }

    @Schema(name = "OrderLine")
    record OrderLineResponse(@Schema(example = "1") long itemId, @Schema(example = "1500") long unitPrice,
                             @Schema(example = "2") int quantity, @Schema(example = "3000") long amount) {
    }
}

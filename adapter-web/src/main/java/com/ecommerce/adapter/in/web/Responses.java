package com.ecommerce.adapter.in.web;

import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.application.shared.Page;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of API.md. */
final class Responses {

    private Responses() {
    }

    record UserResponse(long userId, String name, long balance) {
        static UserResponse of(UserView view) {
            return new UserResponse(view.userId(), view.name(), view.balance());
        }
    }

    record PointBalanceResponse(long userId, long balance) {
    }

    record PointHistoryResponse(String type, long amount, long balanceAfter, Long orderId, Instant createdAt) {
        static PointHistoryResponse of(PointHistory h) {
            return new PointHistoryResponse(h.type().name(), h.amount(), h.balanceAfter(), h.orderId(), h.createdAt());
        }
    }

    record ItemResponse(long itemId, String name, long price, long stock) {
        static ItemResponse of(ItemView view) {
            return new ItemResponse(view.itemId(), view.name(), view.price(), view.stock());
        }
    }

    record StockResponse(long itemId, long stock) {
    }

    record OrderLineResponse(long itemId, long unitPrice, int quantity, long amount) {
    }

    record OrderResponse(long orderId, long userId, String status, long totalAmount, List<OrderLineResponse> lines,
                         Instant createdAt) {
        static OrderResponse of(Order order) {
            return new OrderResponse(order.id(), order.userId(), order.status().name(), order.totalAmount(),
                    order.lines().stream()
                            .map(l -> new OrderLineResponse(l.itemId(), l.unitPrice(), l.quantity(), l.amount()))
                            .toList(),
                    order.createdAt());
        }
    }

    record PageResponse<T>(List<T> content, int page, int size, long totalElements) {
        static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
            return new PageResponse<>(page.content().stream().map(mapper).toList(), page.page(), page.size(),
                    page.totalElements());
        }
    }
}

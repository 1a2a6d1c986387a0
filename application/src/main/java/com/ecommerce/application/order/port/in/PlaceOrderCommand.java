package com.ecommerce.application.order.port.in;

import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.order.OrderLines;
import com.ecommerce.domain.shared.Limits;

import java.util.List;
import java.util.stream.Collectors;

/** An order of 1 to 50 lines, each item once, each quantity 1 to 1,000; {@code idempotencyKey} may be null. */
public record PlaceOrderCommand(long userId, List<Line> lines, IdempotencyKey idempotencyKey) {

    public record Line(long itemId, int quantity) {

        public Line {
            Checks.positiveId("itemId", itemId);
            Checks.inRange("quantity", quantity, Limits.ORDER_QUANTITY_MIN, Limits.ORDER_QUANTITY_MAX);
        }
    }

    public PlaceOrderCommand {
        Checks.positiveId("userId", userId);
        OrderLines.requireValidItemIds(lines == null ? null : lines.stream().map(Line::itemId).toList());
        lines = List.copyOf(lines);
    }

    public List<Long> itemIds() {
        return lines.stream().map(Line::itemId).toList();
    }

    /** What makes two requests "the same request" for idempotency: the lines in the order given. */
    public String fingerprint() {
        return "userId=" + userId + ";lines="
                + lines.stream().map(l -> l.itemId() + "x" + l.quantity()).collect(Collectors.joining(","));
    }
}

package com.ecommerce.application.order.combining;

import com.ecommerce.application.idempotency.Admission;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;

import java.util.ArrayList;
import java.util.List;

/**
 * An order settled before any lock (the buyer exists, the lines are priced, the request was admitted: it is no
 * replay), waiting to be placed. Orders for the same items wait in the same queue.
 *
 * @param itemIds  what groups orders into one queue: the items, in order
 * @param lockKeys the keys an order locks: its buyer's balance and each item's stock
 */
public record PendingOrder(long userId, List<OrderLine> lines, Admission<Order> admission, List<Long> itemIds,
                           LockKeys lockKeys) {

    public PendingOrder(long userId, List<OrderLine> lines, Admission<Order> admission) {
        this(userId, lines, admission, lines.stream().map(OrderLine::itemId).sorted().toList(),
                keysOf(userId, lines));
    }

    private static LockKeys keysOf(long userId, List<OrderLine> lines) {
        List<LockKey> keys = new ArrayList<>(lines.size() + 1);
        keys.add(LockKey.point(userId));
        lines.forEach(line -> keys.add(LockKey.itemStock(line.itemId())));
        return LockKeys.of(keys);
    }
}

package com.ecommerce.domain.order;

import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of placing an order, which span the buyer's balance and the stock of every item. Everything is checked
 * before anything changes: every line the stock cannot supply is named at once ({@code OUT_OF_STOCK}), then the
 * balance must cover the total ({@code INSUFFICIENT_POINTS}). Once the store has given the order its id,
 * {@link #apply} spends the balance and deducts every stock, all or nothing in one transaction.
 */
public final class OrderPlacement {

    private final Order order;
    private final Point buyer;
    private final List<ItemStock> stocks;

    private OrderPlacement(Order order, Point buyer, List<ItemStock> stocks) {
        this.order = order;
        this.buyer = buyer;
        this.stocks = stocks;
    }

    /**
     * @param lines  the lines at the items' prices
     * @param stocks the current stock of every line's item
     * @throws DomainException {@code OUT_OF_STOCK} naming every short item, else {@code INSUFFICIENT_POINTS}
     */
    public static OrderPlacement check(Point buyer, List<OrderLine> lines, Collection<ItemStock> stocks, Instant at) {
        Map<Long, ItemStock> byItem = stocks.stream()
                .collect(Collectors.toMap(ItemStock::itemId, Function.identity()));
        Order order = Order.paid(buyer.userId(), lines, at);
        List<Long> missing = lines.stream().map(OrderLine::itemId).filter(id -> !byItem.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no stock given for items " + missing);
        }
        List<Long> shortItems = lines.stream()
                .filter(line -> !byItem.get(line.itemId()).canSupply(line.quantity()))
                .map(OrderLine::itemId)
                .toList();
        if (!shortItems.isEmpty()) {
            throw new DomainException(ErrorCode.OUT_OF_STOCK, "Not enough stock for items " + shortItems,
                    Map.of("itemIds", shortItems));
        }
        if (!buyer.covers(order.totalAmount())) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS,
                    "The balance " + buyer.balance() + " does not cover the total " + order.totalAmount());
        }
        // in item order: the stock rows, the hottest of a sale, are written last and always in the same order
        List<ItemStock> inWriteOrder = lines.stream().map(line -> byItem.get(line.itemId()))
                .sorted(Comparator.comparingLong(ItemStock::itemId)).toList();
        return new OrderPlacement(order, buyer, inWriteOrder);
    }

    /** The order to store, without its id yet. */
    public Order order() {
        return order;
    }

    /**
     * Spends the total from the buyer's balance and deducts every line from its stock, for the stored order.
     *
     * @return the history entry of the spending; empty when the order is free
     */
    public Optional<PointHistory> apply(Order stored) {
        if (stored.userId() != order.userId() || !stored.lines().equals(order.lines()) || stored.id() == null) {
            throw new IllegalArgumentException("not the stored form of this placement's order");
        }
        Map<Long, Integer> quantities = stored.lines().stream()
                .collect(Collectors.toMap(OrderLine::itemId, OrderLine::quantity));
        stocks.forEach(stock -> stock.deduct(quantities.get(stock.itemId())));
        return stored.totalAmount() > 0
                ? Optional.of(buyer.use(stored.totalAmount(), stored.id()).at(stored.createdAt()))
                : Optional.empty();
    }

    /** The changed stocks, in the order they are to be written: by item id. */
    public List<ItemStock> stocks() {
        return stocks;
    }
}

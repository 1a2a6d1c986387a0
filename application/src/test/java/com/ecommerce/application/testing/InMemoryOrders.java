package com.ecommerce.application.testing;

import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.order.Order;

import java.util.Comparator;
import java.util.Optional;

/** The in-memory {@link OrderStorePort}. */
public class InMemoryOrders implements OrderStorePort {

    private final InMemoryDatabase database;

    public InMemoryOrders(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Order> findOrder(long orderId) {
        return Optional.ofNullable(database.orders.get(orderId));
    }

    @Override
    public Page<Order> findOrdersOfUser(long userId, PageQuery q) {
        return InMemoryDatabase.page(database.orders.values().stream().filter(o -> o.userId() == userId)
                .sorted(Comparator.comparing(Order::id).reversed()).toList(), q);
    }

    @Override
    public Order addOrder(Order order) {
        Order stored = order.withId(database.nextId());
        database.orders.put(stored.id(), stored);
        return stored;
    }

    /** Every user's orders. */
    public int count() {
        return database.orders.size();
    }
}

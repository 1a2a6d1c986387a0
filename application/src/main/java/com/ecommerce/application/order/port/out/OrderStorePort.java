package com.ecommerce.application.order.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.order.Order;

import java.util.Optional;

/** Orders with their lines; an order is written once and never changed. */
public interface OrderStorePort {

    Optional<Order> findOrder(long orderId);

    /** Newest first. */
    Page<Order> findOrdersOfUser(long userId, PageQuery pageQuery);

    /** Stores a new order with its lines and returns it with its id. */
    Order addOrder(Order order);
}

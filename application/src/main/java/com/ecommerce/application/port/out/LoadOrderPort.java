package com.ecommerce.application.port.out;

import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

import java.util.Optional;

public interface LoadOrderPort {

    Optional<Order> loadOrder(long orderId);

    /** Newest first. */
    Page<Order> loadOrdersOfUser(long userId, PageQuery pageQuery);
}

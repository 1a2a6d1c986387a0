package com.ecommerce.application.port.in;

import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public interface ListUserOrdersUseCase {

    /** The user's orders, newest first. */
    Page<Order> listOrders(long userId, PageQuery pageQuery);
}

package com.ecommerce.application.order.port.in;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.domain.order.Order;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;

public interface ListUserOrdersUseCase {

    /** The user's orders, newest first. */
    Page<Order> listOrders(Actor actor, long userId, PageQuery pageQuery);
}

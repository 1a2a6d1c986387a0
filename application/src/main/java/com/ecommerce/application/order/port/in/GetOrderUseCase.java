package com.ecommerce.application.order.port.in;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.domain.order.Order;

public interface GetOrderUseCase {

    /** The order, if the actor is its buyer or an administrator; to anyone else it does not exist (404). */
    Order getOrder(Actor actor, long orderId);
}

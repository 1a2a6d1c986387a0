package com.ecommerce.application.order.port.in;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.domain.order.Order;

public interface PlaceOrderUseCase {

    /** Deducts every line's stock, pays the total from points and stores the order as PAID, or does nothing. */
    Order placeOrder(Actor actor, PlaceOrderCommand command);
}

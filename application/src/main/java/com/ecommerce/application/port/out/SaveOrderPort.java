package com.ecommerce.application.port.out;

import com.ecommerce.domain.order.Order;

public interface SaveOrderPort {

    /** Stores a new order with its lines and returns it with its id. */
    Order saveNewOrder(Order order);
}

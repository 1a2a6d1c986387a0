package com.ecommerce.application.order.port.in;

import com.ecommerce.domain.order.Order;

public interface GetOrderUseCase {

    Order getOrder(long orderId);
}

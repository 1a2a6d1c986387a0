package com.ecommerce.application.order.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.order.port.in.GetOrderUseCase;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Checks;

public class GetOrderService implements GetOrderUseCase {

    private final OrderStorePort orders;
    private final TransactionPort transactionPort;

    public GetOrderService(OrderStorePort orders, TransactionPort transactionPort) {
        this.orders = orders;
        this.transactionPort = transactionPort;
    }

    @Override
    public Order getOrder(Actor actor, long orderId) {
        Checks.positiveId("orderId", orderId);
        // someone else's order is answered as unknown: its existence is not the caller's to learn
        return transactionPort.readOnly(() -> orders.findOrder(orderId)
                .filter(order -> actor.mayActFor(order.userId()))
                .orElseThrow(() -> NotFound.order(orderId)));
    }
}

package com.ecommerce.application.order.service;

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
    public Order getOrder(long orderId) {
        Checks.positiveId("orderId", orderId);
        return transactionPort.readOnly(
                () -> orders.findOrder(orderId).orElseThrow(() -> NotFound.order(orderId)));
    }
}

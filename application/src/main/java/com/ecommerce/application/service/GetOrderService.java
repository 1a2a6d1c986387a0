package com.ecommerce.application.service;

import com.ecommerce.application.port.in.GetOrderUseCase;
import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Checks;

public class GetOrderService implements GetOrderUseCase {

    private final LoadOrderPort loadOrderPort;
    private final TransactionPort transactionPort;

    public GetOrderService(LoadOrderPort loadOrderPort, TransactionPort transactionPort) {
        this.loadOrderPort = loadOrderPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public Order getOrder(long orderId) {
        Checks.positiveId("orderId", orderId);
        return transactionPort.readOnly(
                () -> loadOrderPort.loadOrder(orderId).orElseThrow(() -> NotFound.order(orderId)));
    }
}

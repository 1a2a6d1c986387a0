package com.ecommerce.application.service;

import com.ecommerce.application.port.in.ListUserOrdersUseCase;
import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public class ListUserOrdersService implements ListUserOrdersUseCase {

    private final LoadUserPort loadUserPort;
    private final LoadOrderPort loadOrderPort;
    private final TransactionPort transactionPort;

    public ListUserOrdersService(LoadUserPort loadUserPort, LoadOrderPort loadOrderPort, TransactionPort transactionPort) {
        this.loadUserPort = loadUserPort;
        this.loadOrderPort = loadOrderPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public Page<Order> listOrders(long userId, PageQuery pageQuery) {
        Checks.positiveId("userId", userId);
        return transactionPort.readOnly(() -> {
            if (!loadUserPort.userExists(userId)) {
                throw NotFound.user(userId);
            }
            return loadOrderPort.loadOrdersOfUser(userId, pageQuery);
        });
    }
}

package com.ecommerce.application.order.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.order.port.in.ListUserOrdersUseCase;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;

public class ListUserOrdersService implements ListUserOrdersUseCase {

    private final UserStorePort users;
    private final OrderStorePort orders;
    private final TransactionPort transactionPort;

    public ListUserOrdersService(UserStorePort users, OrderStorePort orders, TransactionPort transactionPort) {
        this.users = users;
        this.orders = orders;
        this.transactionPort = transactionPort;
    }

    @Override
    public Page<Order> listOrders(Actor actor, long userId, PageQuery pageQuery) {
        Checks.positiveId("userId", userId);
        actor.requireActsFor(userId);
        return transactionPort.readOnly(() -> {
            if (!users.existsUser(userId)) {
                throw NotFound.user(userId);
            }
            return orders.findOrdersOfUser(userId, pageQuery);
        });
    }
}

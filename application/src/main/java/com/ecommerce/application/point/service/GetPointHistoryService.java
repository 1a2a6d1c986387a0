package com.ecommerce.application.point.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.point.port.in.GetPointHistoryUseCase;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;

public class GetPointHistoryService implements GetPointHistoryUseCase {

    private final UserStorePort users;
    private final PointStorePort points;
    private final TransactionPort transactionPort;

    public GetPointHistoryService(UserStorePort users, PointStorePort points, TransactionPort transactionPort) {
        this.users = users;
        this.points = points;
        this.transactionPort = transactionPort;
    }

    @Override
    public Page<PointHistory> getHistory(Actor actor, long userId, PageQuery pageQuery) {
        Checks.positiveId("userId", userId);
        actor.requireActsFor(userId);
        return transactionPort.readOnly(() -> {
            if (!users.existsUser(userId)) {
                throw NotFound.user(userId);
            }
            return points.findHistory(userId, pageQuery);
        });
    }
}

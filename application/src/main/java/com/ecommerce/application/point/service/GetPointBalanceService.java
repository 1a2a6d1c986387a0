package com.ecommerce.application.point.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.point.port.in.GetPointBalanceUseCase;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.shared.Checks;

public class GetPointBalanceService implements GetPointBalanceUseCase {

    private final PointStorePort points;
    private final TransactionPort transactionPort;

    public GetPointBalanceService(PointStorePort points, TransactionPort transactionPort) {
        this.points = points;
        this.transactionPort = transactionPort;
    }

    @Override
    public PointBalance getBalance(Actor actor, long userId) {
        Checks.positiveId("userId", userId);
        actor.requireActsFor(userId);
        return transactionPort.readOnly(() -> points.findPoint(userId)
                .map(point -> new PointBalance(userId, point.balance()))
                .orElseThrow(() -> NotFound.user(userId)));
    }
}

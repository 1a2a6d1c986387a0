package com.ecommerce.application.user.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.user.port.in.GetUserUseCase;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.user.User;

public class GetUserService implements GetUserUseCase {

    private final UserStorePort users;
    private final PointStorePort points;
    private final TransactionPort transactionPort;

    public GetUserService(UserStorePort users, PointStorePort points, TransactionPort transactionPort) {
        this.users = users;
        this.points = points;
        this.transactionPort = transactionPort;
    }

    @Override
    public UserView getUser(Actor actor, long userId) {
        Checks.positiveId("userId", userId);
        actor.requireActsFor(userId);
        return transactionPort.readOnly(() -> {
            User user = users.findUser(userId).orElseThrow(() -> NotFound.user(userId));
            Point point = points.findPoint(userId).orElseThrow(() -> NotFound.user(userId));
            return new UserView(user.id(), user.name(), point.balance());
        });
    }
}

package com.ecommerce.application.user.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.RegisterUserUseCase;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.user.User;

public class RegisterUserService implements RegisterUserUseCase {

    private final UserStorePort users;
    private final PointStorePort points;
    private final TransactionPort transactionPort;

    public RegisterUserService(UserStorePort users, PointStorePort points, TransactionPort transactionPort) {
        this.users = users;
        this.points = points;
        this.transactionPort = transactionPort;
    }

    @Override
    public UserView register(Actor actor, RegisterUserCommand command) {
        actor.requireAdmin();
        return transactionPort.inTransaction(() -> {
            User user = users.addUser(User.create(command.name()));
            Point point = Point.openFor(user.id());
            points.addPoint(point);
            return new UserView(user.id(), user.name(), point.balance());
        });
    }
}

package com.ecommerce.application.service;

import com.ecommerce.application.port.in.RegisterUserCommand;
import com.ecommerce.application.port.in.RegisterUserUseCase;
import com.ecommerce.application.port.in.UserView;
import com.ecommerce.application.port.out.SavePointPort;
import com.ecommerce.application.port.out.SaveUserPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.user.User;

public class RegisterUserService implements RegisterUserUseCase {

    private final SaveUserPort saveUserPort;
    private final SavePointPort savePointPort;
    private final TransactionPort transactionPort;

    public RegisterUserService(SaveUserPort saveUserPort, SavePointPort savePointPort, TransactionPort transactionPort) {
        this.saveUserPort = saveUserPort;
        this.savePointPort = savePointPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public UserView register(RegisterUserCommand command) {
        return transactionPort.inTransaction(() -> {
            User user = saveUserPort.saveNewUser(User.create(command.name()));
            Point point = Point.openFor(user.id());
            savePointPort.insertPoint(point);
            return new UserView(user.id(), user.name(), point.balance());
        });
    }
}

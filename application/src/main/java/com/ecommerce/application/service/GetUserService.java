package com.ecommerce.application.service;

import com.ecommerce.application.port.in.GetUserUseCase;
import com.ecommerce.application.port.in.UserView;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.user.User;

public class GetUserService implements GetUserUseCase {

    private final LoadUserPort loadUserPort;
    private final LoadPointPort loadPointPort;
    private final TransactionPort transactionPort;

    public GetUserService(LoadUserPort loadUserPort, LoadPointPort loadPointPort, TransactionPort transactionPort) {
        this.loadUserPort = loadUserPort;
        this.loadPointPort = loadPointPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public UserView getUser(long userId) {
        Checks.positiveId("userId", userId);
        return transactionPort.readOnly(() -> {
            User user = loadUserPort.loadUser(userId).orElseThrow(() -> NotFound.user(userId));
            Point point = loadPointPort.loadPoint(userId).orElseThrow(() -> NotFound.user(userId));
            return new UserView(user.id(), user.name(), point.balance());
        });
    }
}

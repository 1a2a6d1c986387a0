package com.ecommerce.application.service;

import com.ecommerce.application.port.in.GetPointBalanceUseCase;
import com.ecommerce.application.port.in.PointBalance;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.shared.Checks;

public class GetPointBalanceService implements GetPointBalanceUseCase {

    private final LoadPointPort loadPointPort;
    private final TransactionPort transactionPort;

    public GetPointBalanceService(LoadPointPort loadPointPort, TransactionPort transactionPort) {
        this.loadPointPort = loadPointPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public PointBalance getBalance(long userId) {
        Checks.positiveId("userId", userId);
        return transactionPort.readOnly(() -> loadPointPort.loadPoint(userId)
                .map(point -> new PointBalance(userId, point.balance()))
                .orElseThrow(() -> NotFound.user(userId)));
    }
}

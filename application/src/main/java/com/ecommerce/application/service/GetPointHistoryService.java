package com.ecommerce.application.service;

import com.ecommerce.application.port.in.GetPointHistoryUseCase;
import com.ecommerce.application.port.out.LoadPointHistoryPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public class GetPointHistoryService implements GetPointHistoryUseCase {

    private final LoadUserPort loadUserPort;
    private final LoadPointHistoryPort loadPointHistoryPort;
    private final TransactionPort transactionPort;

    public GetPointHistoryService(LoadUserPort loadUserPort, LoadPointHistoryPort loadPointHistoryPort,
                                  TransactionPort transactionPort) {
        this.loadUserPort = loadUserPort;
        this.loadPointHistoryPort = loadPointHistoryPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public Page<PointHistory> getHistory(long userId, PageQuery pageQuery) {
        Checks.positiveId("userId", userId);
        return transactionPort.readOnly(() -> {
            if (!loadUserPort.userExists(userId)) {
                throw NotFound.user(userId);
            }
            return loadPointHistoryPort.loadHistory(userId, pageQuery);
        });
    }
}

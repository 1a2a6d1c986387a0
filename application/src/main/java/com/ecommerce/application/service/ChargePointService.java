package com.ecommerce.application.service;

import com.ecommerce.application.port.in.ChargePointCommand;
import com.ecommerce.application.port.in.ChargePointUseCase;
import com.ecommerce.application.port.in.PointBalance;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.SavePointHistoryPort;
import com.ecommerce.application.port.out.SavePointPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Lock the balance, then in one transaction: load, charge, write with the version check, append history. */
public class ChargePointService implements ChargePointUseCase {

    static final String IDEMPOTENCY_SCOPE = "charge";

    private final LoadPointPort loadPointPort;
    private final SavePointPort savePointPort;
    private final SavePointHistoryPort savePointHistoryPort;
    private final LockPort lockPort;
    private final TransactionPort transactionPort;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Duration lockWaitTimeout;

    public ChargePointService(LoadPointPort loadPointPort, SavePointPort savePointPort,
                              SavePointHistoryPort savePointHistoryPort, LockPort lockPort,
                              TransactionPort transactionPort, Idempotency idempotency, Clock clock,
                              Duration lockWaitTimeout) {
        this.loadPointPort = loadPointPort;
        this.savePointPort = savePointPort;
        this.savePointHistoryPort = savePointHistoryPort;
        this.lockPort = lockPort;
        this.transactionPort = transactionPort;
        this.idempotency = idempotency;
        this.clock = clock;
        this.lockWaitTimeout = lockWaitTimeout;
    }

    @Override
    public PointBalance charge(ChargePointCommand command) {
        long userId = command.userId();
        return idempotency.run(IDEMPOTENCY_SCOPE, userId, command.idempotencyKey(), command.fingerprint(),
                balance -> new PointBalance(userId, balance),
                claim -> lockPort.withLocks(List.of(LockKey.point(userId)), lockWaitTimeout,
                        () -> transactionPort.inTransaction(() -> {
                            Point point = loadPointPort.loadPoint(userId).orElseThrow(() -> NotFound.user(userId));
                            claim.claim();
                            PointHistory entry = point.charge(command.amount());
                            // the balance, the contended row, is written last: its row lock lasts only to the commit
                            savePointHistoryPort.appendHistory(entry.at(Timestamps.now(clock)));
                            savePointPort.updatePoint(point);
                            claim.complete(point.balance());
                            return new PointBalance(userId, point.balance());
                        })));
    }
}

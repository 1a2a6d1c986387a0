package com.ecommerce.application.point.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.time.Clock;

/**
 * Under the lock of the balance: load it, charge it, append the history entry, write the balance (fenced). Who may:
 * an administrator for anyone (the back office's credit); the user for themself only while {@code selfCharge} is on
 * (a demo, a shop that lets users top up without paying); otherwise users add points through a payment.
 */
public class ChargePointService implements ChargePointUseCase {

    static final String IDEMPOTENCY_SCOPE = "charge";

    private final PointStorePort points;
    private final GuardedUnitOfWork unitOfWork;
    private final Clock clock;
    private final boolean selfCharge;

    public ChargePointService(PointStorePort points, GuardedUnitOfWork unitOfWork, Clock clock, boolean selfCharge) {
        this.points = points;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.selfCharge = selfCharge;
    }

    @Override
    public PointBalance charge(Actor actor, ChargePointCommand command) {
        long userId = command.userId();
        // before the replay check: a key is the user's, and nobody else may read its remembered answer
        actor.requireActsFor(userId);
        if (!selfCharge && !actor.admin()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Points are added through a payment; a direct charge is an "
                    + "administrator's credit here");
        }
        var request = new IdempotentRequest<>(IDEMPOTENCY_SCOPE, userId, command.idempotencyKey(),
                command.fingerprint(), PointBalance::balance, balance -> new PointBalance(userId, balance));
        return unitOfWork.run(LockKeys.of(LockKey.point(userId)), request, () -> {
            Point point = points.findPoint(userId).orElseThrow(() -> NotFound.user(userId));
            PointHistory entry = point.charge(command.amount());
            // the balance, the contended row, is written last: its row lock lasts only to the commit
            points.addHistory(entry.at(Timestamps.now(clock)));
            points.updatePoint(point);
            return new PointBalance(userId, point.balance());
        });
    }
}

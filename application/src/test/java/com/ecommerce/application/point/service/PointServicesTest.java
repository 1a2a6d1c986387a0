package com.ecommerce.application.point.service;

import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.User;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointServicesTest {

    private final ServiceFixture f = new ServiceFixture();

    @Test
    void register_storesTheTrimmedNameWithAZeroBalance() {
        UserView user = f.registerUser.register(ADMIN, new RegisterUserCommand("  kim "));

        assertThat(user.name()).isEqualTo("kim");
        assertThat(user.balance()).isZero();
        assertThat(f.getBalance.getBalance(ADMIN, user.userId())).isEqualTo(new PointBalance(user.userId(), 0));
        assertThat(f.getUser.getUser(ADMIN, user.userId())).isEqualTo(user);
        assertThatThrownBy(() -> f.getUser.getUser(ADMIN, user.userId() + 1))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void aUserWhoseBalanceRowIsMissing_isUserNotFound() {
        long userId = f.store.addUser(User.create("no balance row")).id();

        assertThatThrownBy(() -> f.getUser.getUser(ADMIN, userId)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void charge_locksTheBalanceThenChargesInATransactionAndRecordsHistory() {
        long userId = f.userWithBalance(0);

        PointBalance result = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 1_000, null));

        assertThat(result).isEqualTo(new PointBalance(userId, 1_000));
        assertThat(f.lock.acquisitions).containsExactly(List.of(LockKey.point(userId)));
        assertThat(f.lock.timeouts).containsExactly(ServiceFixture.WAIT);
        assertThat(f.store.points.allHistory()).singleElement().satisfies(h -> {
            assertThat(h.type()).isEqualTo(PointTransactionType.CHARGE);
            assertThat(h.amount().value()).isEqualTo(1_000);
            assertThat(h.balanceAfter().value()).isEqualTo(1_000);
            assertThat(h.createdAt()).isEqualTo(ServiceFixture.NOW_STORED);
        });
    }

    @Test
    void charge_whenTheUserIsUnknown_isUserNotFound() {
        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(99, 10, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
        assertThat(f.store.points.allHistory()).isEmpty();
    }

    @Test
    void charge_pastTheCap_isPointLimitExceededAndChangesNothing() {
        long userId = f.userWithBalance(Limits.BALANCE_MAX);
        int historyBefore = f.store.points.allHistory().size();

        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 1, null)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED));
        assertThat(f.balance(userId)).isEqualTo(Limits.BALANCE_MAX);
        assertThat(f.store.points.allHistory()).hasSize(historyBefore);
    }

    @Test
    void charge_whenTheRowChangedSinceItWasRead_isConcurrentUpdateAndLeavesNoHistory() {
        long userId = f.userWithBalance(100);
        int historyBefore = f.store.points.allHistory().size();
        f.store.points.bumpPointVersion(userId);
        f.store.points.stalePointReads = true;

        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 10, null)))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(f.balance(userId)).isEqualTo(100);
        assertThat(f.store.points.allHistory()).hasSize(historyBefore);
    }

    @Test
    void charge_repeatedWithTheSameKeyAndBody_replaysTheFirstAnswerWithoutASecondEffect() {
        long userId = f.userWithBalance(0);
        IdempotencyKey key = new IdempotencyKey("charge-1");

        PointBalance first = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));
        f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 100, null));
        PointBalance replay = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        assertThat(replay).isEqualTo(first).isEqualTo(new PointBalance(userId, 500));
        assertThat(f.balance(userId)).isEqualTo(600);
        assertThat(f.store.points.allHistory()).hasSize(2);
    }

    @Test
    void charge_repeatedWithTheSameKeyAndAnotherBody_isIdempotencyKeyReused() {
        long userId = f.userWithBalance(0);
        IdempotencyKey key = new IdempotencyKey("k");
        f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 501, key)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(f.balance(userId)).isEqualTo(500);
    }

    @Test
    void charge_aFailedRequestLeavesNoKeySoItsRepeatIsProcessedAfresh() {
        long userId = f.userWithBalance(Limits.BALANCE_MAX - 5);
        IdempotencyKey key = new IdempotencyKey("retry-me");
        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 10, key)))
                .isInstanceOf(DomainException.class);
        assertThat(f.store.findRecord(ChargePointService.IDEMPOTENCY_SCOPE, userId, "retry-me")).isEmpty();
    }

    @Test
    void keysAreScopedPerUser() {
        long kim = f.userWithBalance(0);
        long lee = f.userWithBalance(0);
        IdempotencyKey key = new IdempotencyKey("same");

        f.chargePoint.charge(ADMIN, new ChargePointCommand(kim, 10, key));
        f.chargePoint.charge(ADMIN, new ChargePointCommand(lee, 20, key));

        assertThat(f.balance(kim)).isEqualTo(10);
        assertThat(f.balance(lee)).isEqualTo(20);
    }

    @Test
    void history_isNewestFirstAndPaged() {
        long userId = f.userWithBalance(0);
        for (int amount = 1; amount <= 5; amount++) {
            f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, amount, null));
        }

        Page<PointHistory> page = f.getHistory.getHistory(ADMIN, userId, new PageQuery(0, 2));

        assertThat(page.totalElements()).isEqualTo(5);
        assertThat(page.content()).extracting(h -> h.amount().value()).containsExactly(5L, 4L);
        assertThat(f.getHistory.getHistory(ADMIN, userId, new PageQuery(2, 2)).content())
                .extracting(h -> h.amount().value()).containsExactly(1L);
    }

    @Test
    void balanceAndHistory_ofAnUnknownUser_areUserNotFound() {
        assertThatThrownBy(() -> f.getBalance.getBalance(ADMIN, 5)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
        assertThatThrownBy(() -> f.getHistory.getHistory(ADMIN, 5, new PageQuery(0, 20)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }
}

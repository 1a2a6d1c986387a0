package com.ecommerce.application;

import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.order.port.in.PlaceOrderCommand.Line;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.service.ChargePointService;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Who may act, asked of every use case that names a user or changes the catalogue; refusals change nothing. */
class AccessRulesTest {

    private final ServiceFixture f = new ServiceFixture();
    private final long kim = f.userWithBalance(10_000);
    private final long lee = f.userWithBalance(10_000);
    private final long pen = f.item(1_000, 10);
    private final Actor asLee = Actor.user(lee);
    private final PageQuery firstPage = new PageQuery(0, 20);

    private static ErrorCode codeOf(Executable call) {
        return assertThrows(DomainException.class, call).code();
    }

    private void assertNothingChanged() {
        assertThat(f.balance(kim)).isEqualTo(10_000);
        assertThat(f.balance(lee)).isEqualTo(10_000);
        assertThat(f.stock(pen)).isEqualTo(10);
        assertThat(f.store.points.allHistory()).hasSize(2);
    }

    @Test
    void aUser_mayNotActForAnotherUser_onAnyUserScopedUseCase() {
        int locksBefore = f.lock.acquisitions.size();

        assertThat(codeOf(() -> f.getUser.getUser(asLee, kim))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.getBalance.getBalance(asLee, kim))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.getHistory.getHistory(asLee, kim, firstPage))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.listOrders.listOrders(asLee, kim, firstPage))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.chargePoint.charge(asLee, new ChargePointCommand(kim, 10, null))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.placeOrder.placeOrder(asLee,
                new PlaceOrderCommand(kim, List.of(new Line(pen, 1)), null)))).isEqualTo(ErrorCode.FORBIDDEN);

        assertNothingChanged();
        assertThat(f.lock.acquisitions).hasSize(locksBefore);
    }

    @Test
    void withSelfChargeOff_aUsersOwnChargeIsForbidden_andAnAdministratorStillCredits() {
        ChargePointService backOfficeOnly = new ChargePointService(f.store, f.unitOfWork, f.clock, false);
        int locksBefore = f.lock.acquisitions.size();

        assertThat(codeOf(() -> backOfficeOnly.charge(asLee, new ChargePointCommand(lee, 10, null))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> backOfficeOnly.charge(asLee, new ChargePointCommand(lee, 10,
                new IdempotencyKey("top-up-1"))))).isEqualTo(ErrorCode.FORBIDDEN);
        assertNothingChanged();
        assertThat(f.lock.acquisitions).hasSize(locksBefore);

        assertThat(backOfficeOnly.charge(ADMIN, new ChargePointCommand(lee, 10, null)).balance()).isEqualTo(10_010);
    }

    @Test
    void aUser_actsForThemself() {
        assertThat(f.getBalance.getBalance(asLee, lee).balance()).isEqualTo(10_000);
        assertThat(f.chargePoint.charge(asLee, new ChargePointCommand(lee, 10, null)).balance()).isEqualTo(10_010);
        Order order = f.placeOrder.placeOrder(asLee, new PlaceOrderCommand(lee, List.of(new Line(pen, 1)), null));
        assertThat(f.getOrder.getOrder(asLee, order.id())).isEqualTo(order);
        assertThat(f.listOrders.listOrders(asLee, lee, firstPage).content()).containsExactly(order);
    }

    @Test
    void forbidden_winsOverAnUnknownUser() {
        assertThat(codeOf(() -> f.getBalance.getBalance(asLee, 999))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.chargePoint.charge(asLee, new ChargePointCommand(999, 10, null))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.getBalance.getBalance(ADMIN, 999))).isEqualTo(ErrorCode.USER_NOT_FOUND);
    }

    @Test
    void someoneElsesOrder_isAnsweredAsUnknown() {
        Order kims = f.placeOrder.placeOrder(ADMIN, new PlaceOrderCommand(kim, List.of(new Line(pen, 1)), null));

        assertThat(codeOf(() -> f.getOrder.getOrder(asLee, kims.id()))).isEqualTo(ErrorCode.ORDER_NOT_FOUND);
        assertThat(f.getOrder.getOrder(Actor.user(kim), kims.id())).isEqualTo(kims);
        assertThat(f.getOrder.getOrder(ADMIN, kims.id())).isEqualTo(kims);
    }

    @Test
    void anotherUsersIdempotencyKey_isNeitherReplayedNorReused() {
        IdempotencyKey key = new IdempotencyKey("kims-key");
        f.chargePoint.charge(Actor.user(kim), new ChargePointCommand(kim, 500, key));

        assertThat(codeOf(() -> f.chargePoint.charge(asLee, new ChargePointCommand(kim, 500, key))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.chargePoint.charge(asLee, new ChargePointCommand(lee, 700, key)).balance()).isEqualTo(10_700);
        assertThat(f.balance(kim)).isEqualTo(10_500);
    }

    @Test
    void onlyAnAdmin_registersUsersAndItemsAndRestocks() {
        assertThat(codeOf(() -> f.registerUser.register(asLee, new RegisterUserCommand("mallory"))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.registerItem.register(asLee, new RegisterItemCommand("free", 0, 1))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.restock.restock(asLee, new RestockItemCommand(pen, 5))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(codeOf(() -> f.restock.restock(asLee, new RestockItemCommand(999, 5))))
                .isEqualTo(ErrorCode.FORBIDDEN);

        assertNothingChanged();
        assertThat(f.store.findUser(lee + 1)).isEmpty();
        assertThat(f.listItems.listItems(firstPage).totalElements()).isEqualTo(1);
    }
}

package com.ecommerce.application.order.service;

import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderCommand.Line;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderStatus;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.application.paging.PageQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderServicesTest {

    private final ServiceFixture f = new ServiceFixture();

    private static PlaceOrderCommand order(long userId, Line... lines) {
        return new PlaceOrderCommand(userId, List.of(lines), null);
    }

    private static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("expected a DomainException");
    }

    @Test
    void placeOrder_deductsEveryLinePaysTheTotalAndRecordsAUse() {
        long userId = f.userWithBalance(10_000);
        long pen = f.item(1_500, 10);
        long ink = f.item(700, 5);

        Order order = f.placeOrder.placeOrder(ADMIN, order(userId, new Line(pen, 2), new Line(ink, 3)));

        assertThat(order.id()).isNotNull();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.totalAmount()).isEqualTo(3_000 + 2_100);
        assertThat(order.lines()).extracting(OrderLine::unitPrice).containsExactly(1_500L, 700L);
        assertThat(order.createdAt()).isEqualTo(ServiceFixture.NOW_STORED);
        assertThat(f.stock(pen)).isEqualTo(8);
        assertThat(f.stock(ink)).isEqualTo(2);
        assertThat(f.balance(userId)).isEqualTo(10_000 - 5_100);
        PointHistory use = f.store.points.allHistory().getLast();
        assertThat(use.type()).isEqualTo(PointTransactionType.USE);
        assertThat(use.amount().value()).isEqualTo(5_100);
        assertThat(use.orderId()).isEqualTo(order.id());
        assertThat(use.balanceAfter().value()).isEqualTo(4_900);
        assertThat(f.getOrder.getOrder(ADMIN, order.id())).isSameAs(order);
    }

    @Test
    void placeOrder_locksEveryItemAndTheBalanceInOneSortedAcquisition() {
        long userId = f.userWithBalance(10_000);
        long a = f.item(1, 10);
        long b = f.item(1, 10);
        f.lock.acquisitions.clear();
        f.lock.inTransaction.clear();

        f.placeOrder.placeOrder(ADMIN, order(userId, new Line(b, 1), new Line(a, 1)));

        List<LockKey> sorted = List.of(LockKey.point(userId), LockKey.itemStock(a), LockKey.itemStock(b));
        assertThat(f.lock.acquisitions).containsExactly(sorted);
        assertThat(f.lock.inTransaction).as("the step for row locks, inside the transaction").containsExactly(sorted);
    }

    @Test
    void placeOrder_unknownUserWinsOverUnknownItem() {
        assertThat(codeOf(() -> f.placeOrder.placeOrder(ADMIN, order(404, new Line(405, 1)))))
                .isEqualTo(ErrorCode.USER_NOT_FOUND);
        long userId = f.userWithBalance(10);
        assertThat(codeOf(() -> f.placeOrder.placeOrder(ADMIN, order(userId, new Line(405, 1)))))
                .isEqualTo(ErrorCode.ITEM_NOT_FOUND);
    }

    @Test
    void placeOrder_outOfStockWinsOverInsufficientPointsAndNamesTheItems() {
        long userId = f.userWithBalance(1);
        long plenty = f.item(1_000, 10);
        long scarce = f.item(1_000, 1);

        assertThatThrownBy(() -> f.placeOrder.placeOrder(ADMIN,
                order(userId, new Line(plenty, 1), new Line(scarce, 2))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    assertThat(e.details()).containsEntry("itemIds", List.of(scarce));
                });
        assertThat(codeOf(() -> f.placeOrder.placeOrder(ADMIN, order(userId, new Line(plenty, 1)))))
                .isEqualTo(ErrorCode.INSUFFICIENT_POINTS);
    }

    @Test
    void placeOrder_thatFails_changesNothingAtAll() {
        long userId = f.userWithBalance(2_000);
        long a = f.item(1_000, 5);
        long b = f.item(1_000, 5);
        int historyBefore = f.store.points.allHistory().size();
        List<Long> versionsBefore = versions(userId, a, b);

        assertThat(codeOf(() -> f.placeOrder.placeOrder(ADMIN, order(userId, new Line(a, 1), new Line(b, 2)))))
                .isEqualTo(ErrorCode.INSUFFICIENT_POINTS);

        assertThat(f.stock(a)).isEqualTo(5);
        assertThat(f.stock(b)).isEqualTo(5);
        assertThat(f.balance(userId)).isEqualTo(2_000);
        assertThat(versions(userId, a, b)).as("no row written, not even unchanged").isEqualTo(versionsBefore);
        assertThat(f.store.orders.count()).isZero();
        assertThat(f.store.points.allHistory()).hasSize(historyBefore);
    }

    @Test
    void placeOrder_ofAnItemWithoutAStockRow_isItemNotFoundNamingIt_andWritesNothing() {
        long userId = f.userWithBalance(1_000);
        long pen = f.item(10, 5);
        long orphan = f.store.addItem(Item.create("orphan", 10)).id(); // in the catalogue, its stock row missing

        assertThatThrownBy(() -> f.placeOrder.placeOrder(ADMIN, order(userId, new Line(pen, 1), new Line(orphan, 1))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ITEM_NOT_FOUND);
                    assertThat(e.details()).containsEntry("itemIds", List.of(orphan));
                });
        assertThat(f.stock(pen)).isEqualTo(5);
        assertThat(f.balance(userId)).isEqualTo(1_000);
        assertThat(f.store.orders.count()).isZero();
    }

    @Test
    void placeOrder_ofFreeItems_isPaidWithoutAHistoryEntry() {
        long userId = f.userWithBalance(0);
        long gift = f.item(0, 3);

        Order order = f.placeOrder.placeOrder(ADMIN, order(userId, new Line(gift, 3)));

        assertThat(order.totalAmount()).isZero();
        assertThat(f.stock(gift)).isZero();
        assertThat(f.store.points.allHistory()).isEmpty();
    }

    @Test
    void placeOrder_repeatedWithTheSameKey_replaysTheSameOrder() {
        long userId = f.userWithBalance(10_000);
        long pen = f.item(1_000, 10);
        IdempotencyKey key = new IdempotencyKey("order-1");
        PlaceOrderCommand command = new PlaceOrderCommand(userId, List.of(new Line(pen, 2)), key);

        Order first = f.placeOrder.placeOrder(ADMIN, command);
        Order replay = f.placeOrder.placeOrder(ADMIN, command);

        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(f.stock(pen)).isEqualTo(8);
        assertThat(f.balance(userId)).isEqualTo(8_000);
        assertThat(f.store.orders.count()).isEqualTo(1);
        assertThat(codeOf(() -> f.placeOrder.placeOrder(ADMIN, 
                new PlaceOrderCommand(userId, List.of(new Line(pen, 3)), key))))
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void listOrders_isNewestFirstAndKnowsUnknownUsers() {
        long userId = f.userWithBalance(10_000);
        long pen = f.item(1, 10);
        Order first = f.placeOrder.placeOrder(ADMIN, order(userId, new Line(pen, 1)));
        Order second = f.placeOrder.placeOrder(ADMIN, order(userId, new Line(pen, 1)));

        assertThat(f.listOrders.listOrders(ADMIN, userId, new PageQuery(0, 20)).content())
                .extracting(Order::id).containsExactly(second.id(), first.id());
        assertThat(codeOf(() -> f.listOrders.listOrders(ADMIN, 999, new PageQuery(0, 20))))
                .isEqualTo(ErrorCode.USER_NOT_FOUND);
        assertThat(codeOf(() -> f.getOrder.getOrder(ADMIN, 999))).isEqualTo(ErrorCode.ORDER_NOT_FOUND);
    }

    /** The versions of a buyer's balance row and of item stock rows: a write of a row moves its version. */
    private List<Long> versions(long userId, long... itemIds) {
        List<Long> versions = new ArrayList<>();
        versions.add(f.store.findPoint(userId).orElseThrow().version());
        for (long itemId : itemIds) {
            versions.add(f.store.findStock(itemId).orElseThrow().version());
        }
        return versions;
    }
}

package com.ecommerce.application.shared.port.out;

import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link TransactionPort}, asked through the stores it spans: what a transaction keeps and what it
 * takes back when its work throws. Every implementation is a subclass (see {@link StoreContractTest}).
 */
public abstract class TransactionContractTest extends StoreContractTest {

    protected TransactionContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void whatARolledBackTransactionReadOfItsOwnInsertsIsNotRememberedAfterwards() {
        List<Long> ids = new ArrayList<>();

        assertThatThrownBy(() -> write(() -> {
            long userId = users.addUser(User.create("seen, then rolled back")).id();
            long itemId = items.addItem(Item.create("seen, then rolled back", 10)).id();
            ids.addAll(List.of(userId, itemId));
            assertThat(users.existsUser(userId)).isTrue();
            assertThat(items.findItem(itemId)).isPresent();
            assertThat(items.findItems(List.of(itemId))).hasSize(1);
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);

        assertThat(read(() -> users.existsUser(ids.get(0)))).isFalse();
        assertThat(read(() -> items.findItem(ids.get(1)))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(ids.get(1))))).isEmpty();
    }

    @Test
    void aTransactionWhoseWorkThrowsLeavesNothingBehind() {
        long existingUser = newUserWithBalance(0);
        long existingItem = newItem("existing", 10, 5);
        String key = newKey();
        List<Long> ids = new ArrayList<>();

        assertThatThrownBy(() -> write(() -> {
            long userId = users.addUser(User.create("rolled back")).id();
            points.addPoint(Point.openFor(userId));
            points.addHistory(charge(userId, 10, 10, NOW));
            long itemId = items.addItem(Item.create("rolled back", 10)).id();
            items.addStock(ItemStock.open(itemId, 7));
            long orderId = orders.addOrder(Order.paid(userId, List.of(line(itemId, 10, 1)), NOW)).id();
            orders.addOrder(Order.paid(existingUser, List.of(line(existingItem, 10, 1)), NOW));
            points.addHistory(charge(existingUser, 10, 10, NOW));
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
            ids.addAll(List.of(userId, itemId, orderId));
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);

        long userId = ids.get(0);
        long itemId = ids.get(1);
        long orderId = ids.get(2);
        assertThat(read(() -> users.findUser(userId))).isEmpty();
        assertThat(read(() -> users.existsUser(userId))).isFalse();
        assertThat(read(() -> points.findPoint(userId))).isEmpty();
        assertThat(read(() -> points.findHistory(userId, new PageQuery(0, 10))).totalElements()).isZero();
        assertThat(read(() -> items.findItem(itemId))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(itemId)))).isEmpty();
        assertThat(read(() -> items.findStock(itemId))).isEmpty();
        assertThat(read(() -> orders.findOrder(orderId))).isEmpty();
        assertThat(read(() -> orders.findOrdersOfUser(existingUser, new PageQuery(0, 10))).totalElements()).isZero();
        assertThat(read(() -> points.findHistory(existingUser, new PageQuery(0, 10))).totalElements()).isZero();
        assertThat(read(() -> idempotency.findRecord("charge", userId, key))).isEmpty();
    }

    @Test
    void aTransactionWhoseWorkThrowsUndoesTheUpdatesItMade() {
        long userId = newUserWithBalance(100);
        long itemId = newItem("undone", 10, 5);

        assertThatThrownBy(() -> write(() -> {
            points.updatePoint(Point.reconstitute(userId, 40, 0));
            items.updateStock(ItemStock.reconstitute(itemId, 1, 0));
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);

        assertThat(read(() -> points.findPoint(userId))).map(StoreContractTest::values)
                .contains(new PointValues(userId, 100, 0));
        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 5, 0));
    }

    @Test
    void theExceptionOfTheWorkLeavesTheTransactionUnchanged() {
        WorkFailed failure = new WorkFailed();

        assertThatThrownBy(() -> write(() -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> read(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void whatTheWorkReturnsIsWhatTheTransactionReturns() {
        assertThat(write(() -> "written")).isEqualTo("written");
        assertThat(read(() -> "read")).isEqualTo("read");
    }

    @Test
    void aNestedTransactionJoinsTheOuterOneAndIsRolledBackWithIt() {
        List<Long> ids = new ArrayList<>();

        assertThatThrownBy(() -> write(() -> {
            ids.add(users.addUser(User.create("outer")).id());
            ids.add(write(() -> items.addItem(Item.create("inner", 10)).id()));
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);

        assertThat(read(() -> users.findUser(ids.get(0)))).isEmpty();
        assertThat(read(() -> items.findItem(ids.get(1)))).isEmpty();
    }
}

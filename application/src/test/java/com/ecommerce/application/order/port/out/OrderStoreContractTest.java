package com.ecommerce.application.order.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderStatus;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link OrderStorePort}: every implementation is a subclass (see {@link StoreContractTest}). */
public abstract class OrderStoreContractTest extends StoreContractTest {

    protected OrderStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void anAddedOrderIsFoundWithItsLinesInTheirOrderAndItsCreatedAt() {
        long userId = newUserWithBalance(0);
        long a = newItem("a", 100, 10);
        long b = newItem("b", 250, 10);
        long c = newItem("c", Limits.PRICE_MAX, 10);
        List<OrderLine> lines = List.of(line(c, Limits.PRICE_MAX, Limits.ORDER_QUANTITY_MAX), line(a, 100, 1),
                line(b, 0, 2));

        Order added = write(() -> orders.addOrder(Order.paid(userId, lines, NOW)));

        assertThat(added.id()).isNotNull();
        assertThat(values(added)).isEqualTo(new OrderValues(added.id(), userId, OrderStatus.PAID, lines, NOW));
        Optional<Order> found = read(() -> orders.findOrder(added.id()));
        assertThat(found).map(StoreContractTest::values).contains(values(added));
        assertThat(found).map(Order::totalAmount).contains(Limits.PRICE_MAX * Limits.ORDER_QUANTITY_MAX + 100);
    }

    @Test
    void findingAnUnknownOrderIsEmpty() {
        assertThat(read(() -> orders.findOrder(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void theOrdersOfAUserAreFoundNewestFirstWithTheirLinesAndNoOtherUsersOrders() {
        long userId = newUserWithBalance(0);
        long otherUserId = newUserWithBalance(0);
        long a = newItem("a", 100, 10);
        long b = newItem("b", 200, 10);
        Order first = newOrder(userId, NOW, line(a, 100, 1));
        Order second = newOrder(userId, NOW.plusSeconds(1), line(b, 200, 2), line(a, 100, 3));
        newOrder(otherUserId, NOW.plusSeconds(2), line(a, 100, 1));
        Order third = newOrder(userId, NOW.plusSeconds(3), line(a, 90, 4), line(b, 180, 5));

        Page<Order> page = read(() -> orders.findOrdersOfUser(userId, new PageQuery(0, 10)));

        assertThat(page.content()).map(StoreContractTest::values)
                .containsExactly(values(third), values(second), values(first));
        assertThat(pageInfo(page)).isEqualTo(new PageInfo(0, 10, 3));
    }

    @Test
    void orderPagesAreCutNewestFirstAndAPagePastTheEndIsEmptyWithTheTotal() {
        long userId = newUserWithBalance(0);
        long withoutOrders = newUserWithBalance(0);
        long a = newItem("a", 100, 10);
        Order first = newOrder(userId, NOW, line(a, 100, 1));
        Order second = newOrder(userId, NOW.plusSeconds(1), line(a, 100, 2));
        Order third = newOrder(userId, NOW.plusSeconds(2), line(a, 100, 3));

        Page<Order> page0 = read(() -> orders.findOrdersOfUser(userId, new PageQuery(0, 2)));
        Page<Order> page1 = read(() -> orders.findOrdersOfUser(userId, new PageQuery(1, 2)));
        Page<Order> page2 = read(() -> orders.findOrdersOfUser(userId, new PageQuery(2, 2)));
        Page<Order> none = read(() -> orders.findOrdersOfUser(withoutOrders, new PageQuery(0, 2)));

        assertThat(page0.content()).map(StoreContractTest::values).containsExactly(values(third), values(second));
        assertThat(pageInfo(page0)).isEqualTo(new PageInfo(0, 2, 3));
        assertThat(page1.content()).map(StoreContractTest::values).containsExactly(values(first));
        assertThat(pageInfo(page1)).isEqualTo(new PageInfo(1, 2, 3));
        assertThat(page2.content()).isEmpty();
        assertThat(pageInfo(page2)).isEqualTo(new PageInfo(2, 2, 3));
        assertThat(none.content()).isEmpty();
        assertThat(pageInfo(none)).isEqualTo(new PageInfo(0, 2, 0));
        // an offset past 2^31 - 1 rows (page x size) is past the end as well
        Page<Order> farPastTheEnd = read(() -> orders.findOrdersOfUser(userId, new PageQuery(21_474_837, 100)));
        assertThat(farPastTheEnd.content()).isEmpty();
        assertThat(pageInfo(farPastTheEnd)).isEqualTo(new PageInfo(21_474_837, 100, 3));
    }

    @Test
    void theCreatedAtOfOrdersRoundTripsToTheSecond() {
        long userId = newUserWithBalance(0);
        long itemId = newItem("clock", 1, 10);

        for (Instant at : AWKWARD_INSTANTS) {
            Order order = newOrder(userId, at, line(itemId, 1, 1));
            assertThat(read(() -> orders.findOrder(order.id()))).map(Order::createdAt).contains(at);
        }

        assertThat(read(() -> orders.findOrdersOfUser(userId, new PageQuery(0, 10))).content())
                .map(Order::createdAt).containsExactlyElementsOf(AWKWARD_INSTANTS.reversed());
    }
}

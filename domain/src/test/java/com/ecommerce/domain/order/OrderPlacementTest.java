package com.ecommerce.domain.order;

import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.stock.ItemStock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderPlacementTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void check_whenStockAndBalanceSuffice_changesNothingUntilApplied() {
        Point buyer = Point.reconstitute(7, 10_000, 0);
        ItemStock pens = ItemStock.reconstitute(2, 5, 0);
        ItemStock books = ItemStock.reconstitute(1, 3, 0);

        OrderPlacement placement = OrderPlacement.check(buyer,
                List.of(new OrderLine(2, 1_000, 2), new OrderLine(1, 3_000, 1)), List.of(pens, books), AT);

        assertThat(placement.order().totalAmount()).isEqualTo(5_000);
        assertThat(placement.order().id()).isNull();
        assertThat(buyer.balance()).isEqualTo(10_000);
        assertThat(pens.quantity()).isEqualTo(5);
        assertThat(placement.stocks()).extracting(ItemStock::itemId).containsExactly(1L, 2L);
    }

    @Test
    void apply_spendsTheTotalAndDeductsEveryLine_forTheStoredOrder() {
        Point buyer = Point.reconstitute(7, 10_000, 0);
        ItemStock pens = ItemStock.reconstitute(2, 5, 0);
        ItemStock books = ItemStock.reconstitute(1, 3, 0);
        OrderPlacement placement = OrderPlacement.check(buyer,
                List.of(new OrderLine(2, 1_000, 2), new OrderLine(1, 3_000, 1)), List.of(pens, books), AT);

        PointHistory spent = placement.apply(placement.order().withId(42)).orElseThrow();

        assertThat(buyer.balance()).isEqualTo(5_000);
        assertThat(pens.quantity()).isEqualTo(3);
        assertThat(books.quantity()).isEqualTo(2);
        assertThat(spent.type()).isEqualTo(PointTransactionType.USE);
        assertThat(spent.amount().value()).isEqualTo(5_000);
        assertThat(spent.balanceAfter().value()).isEqualTo(5_000);
        assertThat(spent.orderId()).isEqualTo(42);
        assertThat(spent.createdAt()).isEqualTo(AT);
    }

    @Test
    void apply_whenTheOrderIsFree_deductsStockAndWritesNoHistory() {
        Point buyer = Point.reconstitute(7, 0, 0);
        ItemStock free = ItemStock.reconstitute(3, 1, 0);
        OrderPlacement placement = OrderPlacement.check(buyer, List.of(new OrderLine(3, 0, 1)), List.of(free), AT);

        assertThat(placement.apply(placement.order().withId(1))).isEmpty();
        assertThat(free.quantity()).isZero();
        assertThat(buyer.balance()).isZero();
    }

    @Test
    void check_whenSeveralLinesAreShort_namesEveryShortItemBeforeLookingAtTheBalance() {
        Point broke = Point.reconstitute(7, 0, 0);
        List<ItemStock> stocks = List.of(ItemStock.reconstitute(1, 0, 0), ItemStock.reconstitute(2, 9, 0),
                ItemStock.reconstitute(3, 1, 0));

        assertThatThrownBy(() -> OrderPlacement.check(broke,
                List.of(new OrderLine(1, 100, 1), new OrderLine(2, 100, 1), new OrderLine(3, 100, 2)), stocks, AT))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    assertThat(e.details()).isEqualTo(Map.of("itemIds", List.of(1L, 3L)));
                });
        assertThat(stocks).extracting(ItemStock::quantity).containsExactly(0L, 9L, 1L);
    }

    @Test
    void check_whenTheBalanceFallsShortByOne_rejectsWithInsufficientPoints() {
        Point buyer = Point.reconstitute(7, 1_999, 0);

        assertThatThrownBy(() -> OrderPlacement.check(buyer, List.of(new OrderLine(1, 1_000, 2)),
                List.of(ItemStock.reconstitute(1, 2, 0)), AT))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_POINTS));
        assertThat(buyer.balance()).isEqualTo(1_999);
    }

    @Test
    void check_withoutTheStockOfEveryLine_isAProgrammingErrorNamingTheMissingItems() {
        Point buyer = Point.reconstitute(7, 1_000, 0);
        ItemStock pens = ItemStock.reconstitute(1, 5, 0);

        assertThatThrownBy(() -> OrderPlacement.check(buyer,
                List.of(new OrderLine(1, 100, 1), new OrderLine(4, 100, 1)), List.of(pens), AT))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4]");
        assertThat(pens.quantity()).isEqualTo(5);
        assertThat(buyer.balance()).isEqualTo(1_000);
    }

    @Test
    void apply_refusesAnOrderThatIsNotThisPlacementsOrder() {
        Point buyer = Point.reconstitute(7, 1_000, 0);
        OrderPlacement placement = OrderPlacement.check(buyer, List.of(new OrderLine(1, 100, 1)),
                List.of(ItemStock.reconstitute(1, 2, 0)), AT);
        Order other = Order.paid(8, List.of(new OrderLine(1, 100, 1)), AT).withId(5);

        assertThatThrownBy(() -> placement.apply(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> placement.apply(placement.order())).isInstanceOf(IllegalArgumentException.class);
        assertThat(buyer.balance()).isEqualTo(1_000);
    }
}

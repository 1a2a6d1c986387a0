package com.ecommerce.domain.order;

import com.ecommerce.domain.shared.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void paid_totalsItsLines() {
        Order order = Order.paid(1, List.of(new OrderLine(1, 1_500, 2), new OrderLine(2, 700, 3)), NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.totalAmount()).isEqualTo(3_000 + 2_100);
        assertThat(order.lines()).extracting(OrderLine::amount).containsExactly(3_000L, 2_100L);
        assertThat(order.id()).isNull();
        assertThat(order.withId(9).id()).isEqualTo(9);
    }

    @Test
    void reconstitute_keepsWhatTheStoreRead() {
        List<OrderLine> lines = List.of(new OrderLine(3, 500, 2));

        Order order = Order.reconstitute(12, 4, OrderStatus.PAID, lines, NOW);

        assertThat(order.id()).isEqualTo(12);
        assertThat(order.userId()).isEqualTo(4);
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.lines()).isEqualTo(lines);
        assertThat(order.createdAt()).isEqualTo(NOW);
        assertThat(order.totalAmount()).isEqualTo(1_000);
    }

    @Test
    void paid_whenThereAreNoLinesOrMoreThanFifty_isInvalid() {
        assertThatThrownBy(() -> Order.paid(1, List.of(), NOW)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Order.paid(1, null, NOW)).isInstanceOf(InvalidRequestException.class);
        List<OrderLine> fiftyOne = LongStream.rangeClosed(1, 51).mapToObj(id -> new OrderLine(id, 1, 1)).toList();
        assertThatThrownBy(() -> Order.paid(1, fiftyOne, NOW)).isInstanceOf(InvalidRequestException.class);
        assertThat(Order.paid(1, fiftyOne.subList(0, 50), NOW).lines()).hasSize(50);
    }

    @Test
    void paid_whenAnItemAppearsTwice_isInvalid() {
        assertThatThrownBy(() -> Order.paid(1, List.of(new OrderLine(1, 1, 1), new OrderLine(1, 1, 2)), NOW))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("more than once");
    }

    @Test
    void line_whenQuantityIsOutOfRange_isInvalid() {
        assertThatThrownBy(() -> new OrderLine(1, 1, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new OrderLine(1, 1, 1_001)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new OrderLine(0, 1, 1)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void total_ofTheLargestOrderFitsALong() {
        List<OrderLine> lines = LongStream.rangeClosed(1, 50)
                .mapToObj(id -> new OrderLine(id, 100_000_000, 1_000)).toList();
        assertThat(Order.paid(1, lines, NOW).totalAmount()).isEqualTo(50L * 100_000_000 * 1_000);
    }
}

package com.ecommerce.domain.point;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.FieldViolation;
import com.ecommerce.domain.shared.InvalidRequestException;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointTest {

    @Test
    void charge_addsTheAmountAndReturnsAChargeEntry() {
        Point point = Point.reconstitute(7, 500, 3);

        PointHistory entry = point.charge(1_000);

        assertThat(point.balance()).isEqualTo(1_500);
        assertThat(entry.type()).isEqualTo(PointTransactionType.CHARGE);
        assertThat(entry.amount().value()).isEqualTo(1_000);
        assertThat(entry.balanceAfter().value()).isEqualTo(1_500);
        assertThat(entry.userId()).isEqualTo(7);
        assertThat(entry.orderId()).isNull();
        assertThat(point.version()).isEqualTo(3);
    }

    @Test
    void charge_whenAmountIsZeroNegativeOrOverTheMaximum_rejectsAndKeepsTheBalance() {
        Point point = Point.reconstitute(1, 100, 0);

        for (long amount : new long[]{0, -1, Limits.CHARGE_MAX + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> point.charge(amount)).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("amount"));
        }
        assertThat(point.balance()).isEqualTo(100);
    }

    @Test
    void charge_acceptsTheBoundaries() {
        Point point = Point.openFor(1);
        point.charge(Limits.CHARGE_MIN);
        point.charge(Limits.CHARGE_MAX);
        assertThat(point.balance()).isEqualTo(Limits.CHARGE_MIN + Limits.CHARGE_MAX);
    }

    @Test
    void charge_whenTheBalanceWouldPassTheCap_isPointLimitExceeded() {
        Point point = Point.reconstitute(1, Limits.BALANCE_MAX - 10, 0);

        assertThatThrownBy(() -> point.charge(11))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED));
        assertThat(point.balance()).isEqualTo(Limits.BALANCE_MAX - 10);

        point.charge(10);
        assertThat(point.balance()).isEqualTo(Limits.BALANCE_MAX);
    }

    @Test
    void use_subtractsAndRecordsTheOrder() {
        Point point = Point.reconstitute(1, 3_000, 0);

        PointHistory entry = point.use(3_000, 42);

        assertThat(point.balance()).isZero();
        assertThat(entry.type()).isEqualTo(PointTransactionType.USE);
        assertThat(entry.amount().value()).isEqualTo(3_000);
        assertThat(entry.balanceAfter().value()).isZero();
        assertThat(entry.orderId()).isEqualTo(42);
    }

    @Test
    void use_whenTheBalanceDoesNotCover_isInsufficientPointsAndNeverGoesBelowZero() {
        Point point = Point.reconstitute(1, 999, 0);

        assertThatThrownBy(() -> point.use(1_000, 1))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_POINTS));
        assertThat(point.balance()).isEqualTo(999);
        assertThat(point.covers(999)).isTrue();
        assertThat(point.covers(1_000)).isFalse();
    }

    @Test
    void use_whenAmountIsNotPositive_isAProgrammingErrorAndKeepsTheBalance() {
        Point point = Point.reconstitute(1, 10, 0);
        assertThatThrownBy(() -> point.use(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> point.use(-5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(point.balance()).as("a negative use never adds to the balance").isEqualTo(10);
    }

    @Test
    void reconstitute_whenTheStoredBalanceBreaksTheInvariant_refuses() {
        assertThatThrownBy(() -> Point.reconstitute(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Point.reconstitute(1, Limits.BALANCE_MAX + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reconstitute_acceptsAnEmptyAndAFullBalance() {
        assertThat(Point.reconstitute(1, 0, 4).balance()).isZero();
        Point full = Point.reconstitute(1, Limits.BALANCE_MAX, 4);
        assertThat(full.balance()).isEqualTo(Limits.BALANCE_MAX);
        assertThat(full.userId()).isEqualTo(1);
        assertThat(full.version()).isEqualTo(4);
    }

    @Test
    void points_areZeroToTheBalanceCap() {
        assertThat(Points.of(0).value()).isZero();
        assertThat(Points.of(Limits.BALANCE_MAX).value()).isEqualTo(Limits.BALANCE_MAX);
        assertThatThrownBy(() -> Points.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Points.of(Limits.BALANCE_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyEntry_amountsArePositiveAndUsesBelongToAnOrder() {
        assertThatThrownBy(() -> new PointHistory(null, 1, PointTransactionType.CHARGE, Points.of(0), Points.of(0), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PointHistory(null, 1, PointTransactionType.USE, Points.of(5), Points.of(0), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

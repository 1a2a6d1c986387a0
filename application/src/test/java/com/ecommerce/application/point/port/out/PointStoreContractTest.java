package com.ecommerce.application.point.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.point.Points;
import com.ecommerce.domain.point.StaleBalanceException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link PointStorePort}, balances and their history: every implementation is a subclass (see
 * {@link StoreContractTest}).
 */
public abstract class PointStoreContractTest extends StoreContractTest {

    protected PointStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void anAddedBalanceIsFoundWithItsAmountAndVersionZero() {
        long opened = newUser("opened");
        long funded = newUser("funded");

        write(() -> {
            points.addPoint(Point.openFor(opened));
            points.addPoint(Point.reconstitute(funded, Limits.BALANCE_MAX, 0));
            return null;
        });

        assertThat(read(() -> points.findPoint(opened))).map(StoreContractTest::values)
                .contains(new PointValues(opened, 0, 0));
        assertThat(read(() -> points.findPoint(funded))).map(StoreContractTest::values)
                .contains(new PointValues(funded, Limits.BALANCE_MAX, 0));
    }

    @Test
    void findingTheBalanceOfAUserWithoutOneIsEmpty() {
        long userId = newUser("no balance");

        assertThat(read(() -> points.findPoint(userId))).isEmpty();
        assertThat(read(() -> points.findPoint(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void updatePointWritesTheBalanceAndBumpsTheVersionEachTime() {
        long userId = newUserWithBalance(100);

        write(() -> {
            points.updatePoint(Point.reconstitute(userId, 500, 0));
            return null;
        });
        assertThat(read(() -> points.findPoint(userId))).map(StoreContractTest::values)
                .contains(new PointValues(userId, 500, 1));

        write(() -> {
            points.updatePoint(Point.reconstitute(userId, 800, 1));
            return null;
        });
        assertThat(read(() -> points.findPoint(userId))).map(StoreContractTest::values)
                .contains(new PointValues(userId, 800, 2));
    }

    @Test
    void updatePointWithAStaleVersionThrowsConcurrentUpdateAndLeavesTheBalanceUnchanged() {
        long userId = newUserWithBalance(100);
        write(() -> {
            points.updatePoint(Point.reconstitute(userId, 500, 0));
            return null;
        });

        assertThatThrownBy(() -> write(() -> {
            points.updatePoint(Point.reconstitute(userId, 900, 0));
            return null;
        })).isInstanceOf(StaleBalanceException.class);

        assertThat(read(() -> points.findPoint(userId))).map(StoreContractTest::values)
                .contains(new PointValues(userId, 500, 1));
    }

    @Test
    void updatePointOfABalanceThatWasNeverAddedThrowsConcurrentUpdateAndAddsNone() {
        long userId = newUser("no balance");

        assertThatThrownBy(() -> write(() -> {
            points.updatePoint(Point.reconstitute(userId, 500, 0));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> points.findPoint(userId))).isEmpty();
    }

    @Test
    void findPointsReadsTheBalancesThatExistInOneCall() {
        long first = newUserWithBalance(100);
        long second = newUserWithBalance(250);
        long without = newUser("no balance");

        assertThat(read(() -> points.findPoints(List.of(second, without, first, UNKNOWN_ID))))
                .map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new PointValues(first, 100, 0), new PointValues(second, 250, 0));
        assertThat(read(() -> points.findPoints(List.of()))).isEmpty();
    }

    @Test
    void updatePointsFencesEveryBalanceOnItsOwnAndWritesThemAll() {
        long first = newUserWithBalance(100);
        long second = newUserWithBalance(200);
        long third = newUserWithBalance(300);

        write(() -> {
            points.updatePoints(List.of(Point.reconstitute(first, 10, 0), Point.reconstitute(second, 20, 0),
                    Point.reconstitute(third, 30, 0)));
            return null;
        });

        assertThat(read(() -> points.findPoints(List.of(first, second, third)))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new PointValues(first, 10, 1), new PointValues(second, 20, 1),
                        new PointValues(third, 30, 1));
    }

    @Test
    void updatePointsWithOneStaleVersionAmongThemThrowsAndTheTransactionChangesNothing() {
        long first = newUserWithBalance(100);
        long stale = newUserWithBalance(200);
        long third = newUserWithBalance(300);
        write(() -> {
            points.updatePoint(Point.reconstitute(stale, 250, 0));
            return null;
        });

        assertThatThrownBy(() -> write(() -> {
            points.updatePoints(List.of(Point.reconstitute(first, 10, 0), Point.reconstitute(stale, 20, 0),
                    Point.reconstitute(third, 30, 0)));
            return null;
        })).isInstanceOf(StaleBalanceException.class).hasMessageContaining(String.valueOf(stale))
                .satisfies(e -> assertThat(((StaleBalanceException) e).userId()).as("names the buyer").isEqualTo(stale));

        assertThat(read(() -> points.findPoints(List.of(first, stale, third)))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new PointValues(first, 100, 0), new PointValues(stale, 250, 1),
                        new PointValues(third, 300, 0));
    }

    @Test
    void addHistoriesAddsEveryEntryAsAddHistoryWould() {
        long userId = newUserWithBalance(0);
        long otherUserId = newUserWithBalance(0);
        Order order = newOrder(userId, NOW, line(newItem("histories item", 300, 5), 300, 1));
        PointHistory charged = charge(userId, 1_000, 1_000, NOW);
        PointHistory used = new PointHistory(null, userId, PointTransactionType.USE, Points.of(300), Points.of(700),
                order.id(), null, NOW.plus(Duration.ofHours(1)));
        PointHistory other = charge(otherUserId, 5, 5, NOW.plus(Duration.ofDays(1)));

        write(() -> {
            points.addHistories(List.of(charged, other, used));
            return null;
        });

        assertThat(historyPage(userId, 0, 10)).containsExactly(used, charged);
        assertThat(historyPage(otherUserId, 0, 10)).containsExactly(other);
    }

    // --- history

    @Test
    void historyIsFoundNewestFirstWithItsTypesAmountsOrderAndCreatedAt() {
        long userId = newUserWithBalance(0);
        Order order = newOrder(userId, NOW, line(newItem("history item", 300, 5), 300, 1));
        PointHistory charged = charge(userId, 1_000, 1_000, NOW);
        PointHistory used = new PointHistory(null, userId, PointTransactionType.USE, Points.of(300), Points.of(700),
                order.id(), null, NOW.plus(Duration.ofHours(1)));
        PointHistory chargedAgain = charge(userId, 50, 750, NOW.plus(Duration.ofDays(1)));

        addHistory(charged, used, chargedAgain);

        Page<PointHistory> page = read(() -> points.findHistory(userId, new PageQuery(0, 10)));
        assertThat(page.content()).map(PointStoreContractTest::withoutId).containsExactly(chargedAgain, used, charged);
        assertThat(page.content()).map(PointHistory::id).doesNotContainNull().isSortedAccordingTo(
                (a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(pageInfo(page)).isEqualTo(new PageInfo(0, 10, 3));
    }

    @Test
    void theHistoryOfAUserWithoutEntriesIsAnEmptyPage() {
        long userId = newUserWithBalance(0);

        Page<PointHistory> page = read(() -> points.findHistory(userId, new PageQuery(0, 20)));

        assertThat(page.content()).isEmpty();
        assertThat(pageInfo(page)).isEqualTo(new PageInfo(0, 20, 0));
    }

    @Test
    void historyPagesAreCutNewestFirstAndAPagePastTheEndIsEmptyWithTheTotal() {
        long userId = newUserWithBalance(0);
        long otherUserId = newUserWithBalance(0);
        List<PointHistory> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(charge(userId, i, i * (i + 1) / 2, NOW.plusSeconds(i)));
        }
        addHistory(entries.toArray(PointHistory[]::new));
        addHistory(charge(otherUserId, 99, 99, NOW));

        assertThat(historyPage(userId, 0, 2)).containsExactly(entries.get(4), entries.get(3));
        assertThat(historyPage(userId, 1, 2)).containsExactly(entries.get(2), entries.get(1));
        assertThat(historyPage(userId, 2, 2)).containsExactly(entries.get(0));
        Page<PointHistory> pastTheEnd = read(() -> points.findHistory(userId, new PageQuery(3, 2)));
        assertThat(pastTheEnd.content()).isEmpty();
        assertThat(pageInfo(pastTheEnd)).isEqualTo(new PageInfo(3, 2, 5));
        // an offset past 2^31 - 1 rows (page x size) is past the end as well
        Page<PointHistory> farPastTheEnd = read(() -> points.findHistory(userId, new PageQuery(21_474_837, 100)));
        assertThat(farPastTheEnd.content()).isEmpty();
        assertThat(pageInfo(farPastTheEnd)).isEqualTo(new PageInfo(21_474_837, 100, 5));
        assertThat(pageInfo(read(() -> points.findHistory(userId, new PageQuery(1, 2)))))
                .isEqualTo(new PageInfo(1, 2, 5));
    }

    @Test
    void theCreatedAtOfHistoryRoundTripsToTheSecond() {
        long userId = newUserWithBalance(0);

        for (Instant at : AWKWARD_INSTANTS) {
            addHistory(charge(userId, 1, 1, at));
        }

        assertThat(read(() -> points.findHistory(userId, new PageQuery(0, 10))).content())
                .map(PointHistory::createdAt).containsExactlyElementsOf(AWKWARD_INSTANTS.reversed());
    }

    @Test
    void aChargeRemembersThePaymentItCreditedAloneOrInABatch() {
        long userId = newUserWithBalance(0);
        String paymentId = newPaymentId();
        String batched = newPaymentId();
        PointHistory credited = charge(userId, 1_000, 1_000, NOW).forPayment(paymentId);
        PointHistory creditedInBatch = charge(userId, 500, 1_500, NOW.plusSeconds(1)).forPayment(batched);
        PointHistory sameIdOtherCase = charge(userId, 5, 1_505, NOW.plusSeconds(2)).forPayment(batched.toUpperCase());
        PointHistory plain = charge(userId, 10, 1_515, NOW.plusSeconds(3));

        addHistory(credited);
        write(() -> {
            points.addHistories(List.of(creditedInBatch, sameIdOtherCase, plain));
            return null;
        });

        assertThat(historyPage(userId, 0, 10)).containsExactly(plain, sameIdOtherCase, creditedInBatch, credited);
        assertThat(historyPage(userId, 0, 10)).map(PointHistory::paymentId)
                .containsExactly(null, batched.toUpperCase(), batched, paymentId);
    }

    @Test
    void aSecondChargeCreditingTheSamePaymentIsRefusedAsAConcurrentUpdate() {
        long userId = newUserWithBalance(0);
        String paymentId = newPaymentId();
        PointHistory credited = charge(userId, 1_000, 1_000, NOW).forPayment(paymentId);
        addHistory(credited);

        assertThatThrownBy(() -> addHistory(charge(userId, 1_000, 2_000, NOW.plusSeconds(1)).forPayment(paymentId)))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(paymentId);
        assertThatThrownBy(() -> write(() -> {
            points.addHistories(List.of(charge(userId, 7, 1_007, NOW.plusSeconds(2)),
                    charge(userId, 1_000, 2_007, NOW.plusSeconds(3)).forPayment(paymentId)));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(paymentId);

        assertThat(historyPage(userId, 0, 10)).containsExactly(credited);
    }

    @Test
    void chargesOfOnePaymentInOneBatchAreRefusedAndTheBatchAddsNothing() {
        long userId = newUserWithBalance(0);
        String paymentId = newPaymentId();

        assertThatThrownBy(() -> write(() -> {
            points.addHistories(List.of(charge(userId, 1_000, 1_000, NOW).forPayment(paymentId),
                    charge(userId, 1_000, 2_000, NOW.plusSeconds(1)).forPayment(paymentId)));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(historyPage(userId, 0, 10)).isEmpty();
    }

    private List<PointHistory> historyPage(long userId, int page, int size) {
        return read(() -> points.findHistory(userId, new PageQuery(page, size))).content().stream()
                .map(PointStoreContractTest::withoutId).toList();
    }

    private static PointHistory withoutId(PointHistory h) {
        return new PointHistory(null, h.userId(), h.type(), h.amount(), h.balanceAfter(), h.orderId(), h.paymentId(),
                h.createdAt());
    }

    /** Unique on every run: the database of a subclass may be shared and keeps every credit. */
    private static String newPaymentId() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }
}

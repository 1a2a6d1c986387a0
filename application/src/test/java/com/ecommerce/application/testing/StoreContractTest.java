package com.ecommerce.application.testing;

import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderStatus;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.point.Points;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the store out-ports ({@link UserStorePort}, {@link PointStorePort}, {@link ItemStorePort},
 * {@link OrderStorePort}, {@link IdempotencyStorePort}) and of {@link TransactionPort}, run against every
 * implementation: the {@link InMemoryStore} the service tests use, and the JPA adapters on H2 and on MariaDB
 * (adapter-persistence). The JPA adapters are the reference; the fake must answer the same.
 *
 * <p>Every store call runs inside {@code inTransaction} or {@code readOnly}, as the services call them. The
 * database of a subclass may be shared and is never cleaned: every test creates its own rows, finds them by the ids
 * the stores returned (ids differ between stores: no test names an absolute id) and uses idempotency keys of its own.
 * Timestamps are whole seconds, as {@link com.ecommerce.application.shared.Timestamps} makes them.
 */
public abstract class StoreContractTest {

    /** The stores and the transactions of one implementation. */
    public record Stores(UserStorePort users, PointStorePort points, ItemStorePort items, OrderStorePort orders,
                         IdempotencyStorePort idempotency, TransactionPort transactions) {

        public static Stores of(InMemoryStore store) {
            return new Stores(store.users, store.points, store.items, store.orders, store.idempotencyRecords, store);
        }
    }

    /** A whole second: the clock a subclass gives its stores. */
    public static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /**
     * A year before {@link #NOW}, when every other test's records are made: only the purge tests make records
     * before it, so only they lose records to a purge up to it, even on a shared database.
     */
    protected static final Instant PURGE_CUTOFF = NOW.minus(Duration.ofDays(365));

    /** An id no store ever gives (auto-increment never gets there). */
    protected static final long UNKNOWN_ID = Long.MAX_VALUE;

    private static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_FINGERPRINT = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private UserStorePort users;
    private PointStorePort points;
    private ItemStorePort items;
    private OrderStorePort orders;
    private IdempotencyStorePort idempotency;
    private TransactionPort transactions;

    /** The implementation under test; called before every test. */
    protected abstract Stores stores();

    @BeforeEach
    void openStores() {
        Stores stores = stores();
        users = stores.users();
        points = stores.points();
        items = stores.items();
        orders = stores.orders();
        idempotency = stores.idempotency();
        transactions = stores.transactions();
    }

    // --- users

    @Test
    void anAddedUserIsFoundUnderTheIdAddReturnedWithItsName() {
        User added = write(() -> users.addUser(User.create("Kim Min-su")));

        assertThat(added.id()).isNotNull();
        assertThat(added.name()).isEqualTo("Kim Min-su");
        assertThat(read(() -> users.findUser(added.id()))).map(StoreContractTest::values)
                .contains(new UserValues(added.id(), "Kim Min-su"));
    }

    @Test
    void twoAddedUsersGetDifferentIdsAndKeepTheirOwnNames() {
        User first = write(() -> users.addUser(User.create("first")));
        User second = write(() -> users.addUser(User.create("second")));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(read(() -> users.findUser(first.id()))).map(User::name).contains("first");
        assertThat(read(() -> users.findUser(second.id()))).map(User::name).contains("second");
    }

    @Test
    void namesOfTheMaximumLengthInHangulAreKeptUnchanged() {
        String name = "가나다라마바사아자차".repeat(Limits.NAME_MAX_LENGTH / 10);
        User user = write(() -> users.addUser(User.create(name)));
        Item item = write(() -> items.addItem(Item.create(name, 1)));

        assertThat(name).hasSize(Limits.NAME_MAX_LENGTH);
        assertThat(read(() -> users.findUser(user.id()))).map(User::name).contains(name);
        assertThat(read(() -> items.findItem(item.id()))).map(Item::name).contains(name);
    }

    @Test
    void findingAnUnknownUserIsEmpty() {
        assertThat(read(() -> users.findUser(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void existsUserIsTrueForAnAddedUserAndFalseForAnUnknownId() {
        long userId = newUser("exists");

        assertThat(read(() -> users.existsUser(userId))).isTrue();
        assertThat(read(() -> users.existsUser(UNKNOWN_ID))).isFalse();
    }

    // --- balances

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
        })).isInstanceOf(ConcurrentUpdateException.class);

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
        })).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(String.valueOf(stale));

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
                order.id(), NOW.plus(Duration.ofHours(1)));
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
                order.id(), NOW.plus(Duration.ofHours(1)));
        PointHistory chargedAgain = charge(userId, 50, 750, NOW.plus(Duration.ofDays(1)));

        addHistory(charged, used, chargedAgain);

        Page<PointHistory> page = read(() -> points.findHistory(userId, new PageQuery(0, 10)));
        assertThat(page.content()).map(StoreContractTest::withoutId).containsExactly(chargedAgain, used, charged);
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
        assertThat(pageInfo(read(() -> points.findHistory(userId, new PageQuery(1, 2))))).isEqualTo(new PageInfo(1, 2, 5));
    }

    // --- items

    @Test
    void anAddedItemIsFoundUnderTheIdAddReturnedWithItsNameAndPrice() {
        Item free = write(() -> items.addItem(Item.create("sample", 0)));
        Item dearest = write(() -> items.addItem(Item.create("dearest", Limits.PRICE_MAX)));

        assertThat(free.id()).isNotNull();
        assertThat(values(free)).isEqualTo(new ItemValues(free.id(), "sample", 0));
        assertThat(dearest.id()).isNotNull().isNotEqualTo(free.id());
        assertThat(values(dearest)).isEqualTo(new ItemValues(dearest.id(), "dearest", Limits.PRICE_MAX));
        assertThat(read(() -> items.findItem(free.id()))).map(StoreContractTest::values).contains(values(free));
        assertThat(read(() -> items.findItem(dearest.id()))).map(StoreContractTest::values).contains(values(dearest));
    }

    @Test
    void findingAnUnknownItemOrItsStockIsEmpty() {
        assertThat(read(() -> items.findItem(UNKNOWN_ID))).isEmpty();
        assertThat(read(() -> items.findStock(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void findItemsReturnsOnlyTheItemsThatExistAmongTheIds() {
        Item a = write(() -> items.addItem(Item.create("a", 10)));
        Item b = write(() -> items.addItem(Item.create("b", 20)));

        assertThat(read(() -> items.findItems(List.of(b.id(), UNKNOWN_ID, a.id())))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(values(a), values(b));
        assertThat(read(() -> items.findItems(List.of(a.id())))).map(StoreContractTest::values)
                .containsExactly(values(a));
    }

    @Test
    void findItemsOfNoIdsOrOnlyUnknownIdsIsEmpty() {
        assertThat(read(() -> items.findItems(List.of()))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(UNKNOWN_ID)))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(UNKNOWN_ID, UNKNOWN_ID - 1)))).isEmpty();
    }

    @Test
    void findItemsReturnsAnItemAskedForTwiceOnce() {
        Item a = write(() -> items.addItem(Item.create("a", 10)));
        Item b = write(() -> items.addItem(Item.create("b", 20)));

        assertThat(read(() -> items.findItems(List.of(a.id(), b.id(), a.id())))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(values(a), values(b));
    }

    @Test
    void itemPagesAreOldestFirstByIdAndAPagePastTheEndIsEmptyWithTheTotal() {
        long before = read(() -> items.findItemPage(new PageQuery(0, 1))).totalElements();
        Item a = write(() -> items.addItem(Item.create("page a", 1)));
        Item b = write(() -> items.addItem(Item.create("page b", 2)));
        Item c = write(() -> items.addItem(Item.create("page c", 3)));
        long total = before + 3;
        int first = Math.toIntExact(before);

        // the new items are the last three, in the order they were added
        assertThat(itemPage(first, 1)).containsExactly(values(a));
        assertThat(itemPage(first + 1, 1)).containsExactly(values(b));
        assertThat(itemPage(first + 2, 1)).containsExactly(values(c));
        Page<Item> pastTheEnd = read(() -> items.findItemPage(new PageQuery(first + 3, 1)));
        assertThat(pastTheEnd.content()).isEmpty();
        assertThat(pageInfo(pastTheEnd)).isEqualTo(new PageInfo(first + 3, 1, total));

        // with pages of two, the last page ends with the newest item
        int lastPage = Math.toIntExact((total - 1) / 2);
        Page<Item> last = read(() -> items.findItemPage(new PageQuery(lastPage, 2)));
        List<ItemValues> tail = total % 2 == 0 ? List.of(values(b), values(c)) : List.of(values(c));
        assertThat(last.content()).map(StoreContractTest::values).containsExactlyElementsOf(tail);
        assertThat(pageInfo(last)).isEqualTo(new PageInfo(lastPage, 2, total));
    }

    // --- stock

    @Test
    void anAddedStockIsFoundWithItsQuantityAndVersionZero() {
        long empty = newItem("empty", 10, 0);
        long full = newItem("full", 10, Limits.STOCK_MAX);

        assertThat(read(() -> items.findStock(empty))).map(StoreContractTest::values)
                .contains(new StockValues(empty, 0, 0));
        assertThat(read(() -> items.findStock(full))).map(StoreContractTest::values)
                .contains(new StockValues(full, Limits.STOCK_MAX, 0));
    }

    @Test
    void findStocksReturnsOnlyTheStocksThatExistAmongTheIds() {
        long a = newItem("a", 10, 3);
        long b = newItem("b", 10, 4);
        long withoutStock = write(() -> items.addItem(Item.create("no stock", 10))).id();

        assertThat(read(() -> items.findStocks(List.of(b, UNKNOWN_ID, withoutStock, a))))
                .map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new StockValues(a, 3, 0), new StockValues(b, 4, 0));
    }

    @Test
    void findStocksOfOneIdOrNoIdsAnswersLikeForMany() {
        long a = newItem("a", 10, 3);

        assertThat(read(() -> items.findStocks(List.of(a)))).map(StoreContractTest::values)
                .containsExactly(new StockValues(a, 3, 0));
        assertThat(read(() -> items.findStocks(List.of(UNKNOWN_ID)))).isEmpty();
        assertThat(read(() -> items.findStocks(List.of()))).isEmpty();
    }

    @Test
    void findStocksReturnsAStockAskedForTwiceOnce() {
        long a = newItem("a", 10, 3);
        long b = newItem("b", 10, 4);

        assertThat(read(() -> items.findStocks(List.of(a, b, a)))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new StockValues(a, 3, 0), new StockValues(b, 4, 0));
    }

    @Test
    void updateStockWritesTheQuantityAndBumpsTheVersionEachTime() {
        long itemId = newItem("restocked", 10, 5);

        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 2, 0));
            return null;
        });
        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 2, 1));

        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 0, 1));
            return null;
        });
        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 0, 2));
    }

    @Test
    void updateStockWithAStaleVersionThrowsConcurrentUpdateAndLeavesTheQuantityUnchanged() {
        long itemId = newItem("contended", 10, 5);
        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 4, 0));
            return null;
        });

        assertThatThrownBy(() -> write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 3, 0));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 4, 1));
    }

    @Test
    void updateStockOfAStockThatWasNeverAddedThrowsConcurrentUpdateAndAddsNone() {
        long itemId = write(() -> items.addItem(Item.create("no stock", 10))).id();

        assertThatThrownBy(() -> write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 3, 0));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> items.findStock(itemId))).isEmpty();
    }

    // --- orders

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
    }

    // --- timestamps

    @Test
    void theCreatedAtOfOrdersAndHistoryRoundTripsToTheSecond() {
        long userId = newUserWithBalance(0);
        long itemId = newItem("clock", 1, 10);
        List<Instant> instants = List.of(
                Instant.parse("2026-03-29T01:30:00Z"),  // inside the spring-forward gap of Europe's clocks
                Instant.parse("2026-10-25T01:30:59Z"),  // inside the fall-back overlap of Europe's clocks
                Instant.parse("1999-12-31T23:59:59Z"),
                Instant.parse("2038-01-19T03:14:08Z")); // one second past a 32-bit TIMESTAMP

        for (Instant at : instants) {
            Order order = newOrder(userId, at, line(itemId, 1, 1));
            addHistory(charge(userId, 1, 1, at));
            assertThat(read(() -> orders.findOrder(order.id()))).map(Order::createdAt).contains(at);
        }

        assertThat(read(() -> points.findHistory(userId, new PageQuery(0, 10))).content())
                .map(PointHistory::createdAt).containsExactlyElementsOf(instants.reversed());
        assertThat(read(() -> orders.findOrdersOfUser(userId, new PageQuery(0, 10))).content())
                .map(Order::createdAt).containsExactlyElementsOf(instants.reversed());
    }

    // --- transactions

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

    // --- idempotency

    @Test
    void aClaimIsFoundWithItsFingerprintAndNoResult() {
        long userId = newUser("claimer");
        String key = (UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));

        claim("charge", userId, key, FINGERPRINT);

        assertThat(key).hasSize(64);
        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
    }

    @Test
    void findingTheRecordOfAnUnclaimedKeyIsEmpty() {
        long userId = newUser("claimer");

        assertThat(read(() -> idempotency.findRecord("charge", userId, newKey()))).isEmpty();
    }

    @Test
    void updateResultRecordsTheResultOfTheClaimedKey() {
        long userId = newUser("claimer");
        String key = newKey();
        claim("order", userId, key, FINGERPRINT);

        write(() -> {
            idempotency.updateResult("order", userId, key, 4_242L);
            return null;
        });

        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, FINGERPRINT, 4_242L, NOW));
    }

    @Test
    void aClaimAndItsResultInOneTransactionAreFoundTogether() {
        long userId = newUser("claimer");
        String key = newKey();

        write(() -> {
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
            idempotency.updateResult("charge", userId, key, Limits.BALANCE_MAX);
            return null;
        });

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, Limits.BALANCE_MAX, NOW));
    }

    @Test
    void updatingTheResultOfAnUnclaimedKeyThrowsIllegalStateAndRecordsNothing() {
        long userId = newUser("claimer");
        String key = newKey();

        assertThatThrownBy(() -> write(() -> {
            idempotency.updateResult("charge", userId, key, 1L);
            return null;
        })).isInstanceOf(IllegalStateException.class);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key))).isEmpty();
    }

    @Test
    void claimingACommittedKeyAgainThrowsIdempotencyKeyTakenAndKeepsTheFirstRecord() {
        long userId = newUser("claimer");
        String key = newKey();
        claim("charge", userId, key, FINGERPRINT);
        write(() -> {
            idempotency.updateResult("charge", userId, key, 10L);
            return null;
        });

        assertThatThrownBy(() -> claim("charge", userId, key, OTHER_FINGERPRINT))
                .isInstanceOf(IdempotencyKeyTakenException.class)
                .hasMessageContaining(key);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, 10L, NOW));
    }

    @Test
    void keysAreScopedPerScopeAndPerUser() {
        long userId = newUser("claimer");
        long otherUserId = newUser("other claimer");
        String key = newKey();

        claim("charge", userId, key, FINGERPRINT);
        claim("order", userId, key, OTHER_FINGERPRINT);
        claim("charge", otherUserId, key, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, OTHER_FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("charge", otherUserId, key)))
                .contains(new IdempotencyRecord("charge", otherUserId, key, OTHER_FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("order", otherUserId, key))).isEmpty();
    }

    @Test
    void keysAreCaseSensitive() {
        long userId = newUser("claimer");
        String lower = "case-" + UUID.randomUUID();
        String upper = lower.toUpperCase();

        claim("charge", userId, lower, FINGERPRINT);
        claim("charge", userId, upper, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, lower)))
                .contains(new IdempotencyRecord("charge", userId, lower, FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("charge", userId, upper)))
                .contains(new IdempotencyRecord("charge", userId, upper, OTHER_FINGERPRINT, null, NOW));
    }

    @Test
    void aClaimRolledBackWithItsTransactionLeavesTheKeyFree() {
        long userId = newUser("claimer");
        String key = newKey();

        assertThatThrownBy(() -> write(() -> {
            idempotency.addClaim(new IdempotencyRecord("order", userId, key, FINGERPRINT, null, NOW));
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);
        assertThat(read(() -> idempotency.findRecord("order", userId, key))).isEmpty();

        claim("order", userId, key, OTHER_FINGERPRINT);
        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, OTHER_FINGERPRINT, null, NOW));
    }

    // --- expiry

    @Test
    void aRecordKeepsTheTimeItsKeyWasClaimed() {
        long userId = newUser("claimer");
        String key = newKey();
        Instant claimedAt = NOW.minus(Duration.ofDays(3));

        claimAt("charge", userId, key, FINGERPRINT, claimedAt);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, claimedAt));
    }

    @Test
    void removeExpiredDeletesTheRecordOfTheKeyOnlyWhenItWasClaimedBeforeTheCutoff() {
        long userId = newUser("claimer");
        long otherUserId = newUser("other claimer");
        String expired = newKey();
        String atTheCutoff = newKey();
        Instant cutoff = NOW.minus(Duration.ofDays(1));
        claimAt("charge", userId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("order", userId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("charge", otherUserId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("charge", userId, atTheCutoff, FINGERPRINT, cutoff);

        assertThat(write(() -> idempotency.removeExpired("charge", userId, expired, cutoff))).isTrue();
        assertThat(write(() -> idempotency.removeExpired("charge", userId, atTheCutoff, cutoff))).isFalse();
        assertThat(write(() -> idempotency.removeExpired("charge", userId, newKey(), cutoff))).isFalse();

        assertThat(read(() -> idempotency.findRecord("charge", userId, expired))).isEmpty();
        assertThat(read(() -> idempotency.findRecord("order", userId, expired))).isPresent();
        assertThat(read(() -> idempotency.findRecord("charge", otherUserId, expired))).isPresent();
        assertThat(read(() -> idempotency.findRecord("charge", userId, atTheCutoff))).isPresent();
    }

    @Test
    void aRemovedExpiredKeyCanBeClaimedAgain() {
        long userId = newUser("claimer");
        String key = newKey();
        claimAt("charge", userId, key, FINGERPRINT, NOW.minus(Duration.ofDays(2)));

        write(() -> idempotency.removeExpired("charge", userId, key, NOW.minus(Duration.ofDays(1))));
        claim("charge", userId, key, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, OTHER_FINGERPRINT, null, NOW));
    }

    /**
     * The database may be shared and is never cleaned, so the records of this test lie far in the past, before
     * every other test's; other records that old can only be leftovers of an earlier run of this very test.
     */
    @Test
    void purgeExpiredDeletesInBatchesOfAtMostTheLimitUntilNoneIsLeftAndKeepsTheLiveRecords() {
        long userId = newUser("purged");
        Instant cutoff = PURGE_CUTOFF;
        List<String> expired = new ArrayList<>();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expired.add(newKey());
            claimAt("charge", userId, expired.getLast(), FINGERPRINT, cutoff.minus(Duration.ofDays(7 - i)));
        }
        for (Instant at : List.of(cutoff, cutoff.plusSeconds(1), NOW)) {
            live.add(newKey());
            claimAt("order", userId, live.getLast(), FINGERPRINT, at);
        }

        List<Integer> batches = new ArrayList<>();
        do {
            batches.add(write(() -> idempotency.purgeExpired(cutoff, 3)));
        } while (batches.getLast() == 3);

        assertThat(batches.getFirst()).isEqualTo(3);
        assertThat(batches.subList(0, batches.size() - 1)).allMatch(deleted -> deleted == 3);
        assertThat(batches.getLast()).isLessThan(3);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(expired.size());
        assertThat(expired).allSatisfy(key ->
                assertThat(read(() -> idempotency.findRecord("charge", userId, key))).isEmpty());
        assertThat(live).allSatisfy(key ->
                assertThat(read(() -> idempotency.findRecord("order", userId, key))).isPresent());
        assertThat(write(() -> idempotency.purgeExpired(cutoff, 3))).isZero();
    }

    // --- helpers

    /** A failure of the work itself, not of any store. */
    protected static final class WorkFailed extends RuntimeException {
        WorkFailed() {
            super("the work failed");
        }
    }

    record UserValues(Long id, String name) {
    }

    record PointValues(long userId, long balance, long version) {
    }

    record ItemValues(Long id, String name, long price) {
    }

    record StockValues(long itemId, long quantity, long version) {
    }

    record OrderValues(Long id, long userId, OrderStatus status, List<OrderLine> lines, Instant createdAt) {
    }

    record PageInfo(int page, int size, long totalElements) {
    }

    private static UserValues values(User u) {
        return new UserValues(u.id(), u.name());
    }

    private static PointValues values(Point p) {
        return new PointValues(p.userId(), p.balance(), p.version());
    }

    private static ItemValues values(Item i) {
        return new ItemValues(i.id(), i.name(), i.price());
    }

    private static StockValues values(ItemStock s) {
        return new StockValues(s.itemId(), s.quantity(), s.version());
    }

    private static OrderValues values(Order o) {
        return new OrderValues(o.id(), o.userId(), o.status(), o.lines(), o.createdAt());
    }

    private static PageInfo pageInfo(Page<?> page) {
        return new PageInfo(page.page(), page.size(), page.totalElements());
    }

    private static PointHistory withoutId(PointHistory h) {
        return new PointHistory(null, h.userId(), h.type(), h.amount(), h.balanceAfter(), h.orderId(), h.createdAt());
    }

    private static PointHistory charge(long userId, long amount, long balanceAfter, Instant at) {
        return new PointHistory(null, userId, PointTransactionType.CHARGE, Points.of(amount), Points.of(balanceAfter),
                null, at);
    }

    private static OrderLine line(long itemId, long unitPrice, int quantity) {
        return new OrderLine(itemId, unitPrice, quantity);
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private <T> T write(Supplier<T> work) {
        return transactions.inTransaction(work);
    }

    private <T> T read(Supplier<T> work) {
        return transactions.readOnly(work);
    }

    private long newUser(String name) {
        return write(() -> users.addUser(User.create(name)).id());
    }

    /** A user with a balance, as registering one stores it. */
    private long newUserWithBalance(long balance) {
        return write(() -> {
            long userId = users.addUser(User.create("user")).id();
            points.addPoint(Point.reconstitute(userId, balance, 0));
            return userId;
        });
    }

    /** An item with its stock, as registering one stores it. */
    private long newItem(String name, long price, long stock) {
        return write(() -> {
            long itemId = items.addItem(Item.create(name, price)).id();
            items.addStock(ItemStock.open(itemId, stock));
            return itemId;
        });
    }

    private Order newOrder(long userId, Instant createdAt, OrderLine... lines) {
        return write(() -> orders.addOrder(Order.paid(userId, List.of(lines), createdAt)));
    }

    private void addHistory(PointHistory... entries) {
        for (PointHistory entry : entries) {
            write(() -> {
                points.addHistory(entry);
                return null;
            });
        }
    }

    private List<PointHistory> historyPage(long userId, int page, int size) {
        return read(() -> points.findHistory(userId, new PageQuery(page, size))).content().stream()
                .map(StoreContractTest::withoutId).toList();
    }

    private List<ItemValues> itemPage(int page, int size) {
        return read(() -> items.findItemPage(new PageQuery(page, size))).content().stream()
                .map(StoreContractTest::values).toList();
    }

    private void claim(String scope, long userId, String key, String fingerprint) {
        claimAt(scope, userId, key, fingerprint, NOW);
    }

    private void claimAt(String scope, long userId, String key, String fingerprint, Instant createdAt) {
        write(() -> {
            idempotency.addClaim(new IdempotencyRecord(scope, userId, key, fingerprint, null, createdAt));
            return null;
        });
    }
}

package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
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
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the contract tests of the store out-ports share: one abstract test per port ({@code UserStoreContractTest},
 * {@code PointStoreContractTest}, {@code ItemStoreContractTest}, {@code OrderStoreContractTest},
 * {@code PaymentStoreContractTest}, {@code IdempotencyStoreContractTest}, and {@code TransactionContractTest} for
 * {@link TransactionPort}), each run against every implementation: the in-memory fakes the service tests use, and
 * the JPA adapters on H2 and on MariaDB (adapter-persistence). The JPA adapters are the reference; the fakes must
 * answer the same.
 *
 * <p>A port's test is given every store, not only its own: the rows it reads must first be made through the others
 * (a balance needs its user, an order its items), as the services make them. Every store call runs inside
 * {@code inTransaction} or {@code readOnly}, as the services call them. The database of a subclass may be shared
 * and is never cleaned: every test creates its own rows, finds them by the ids the stores returned (ids differ
 * between stores: no test names an absolute id) and uses idempotency keys of its own. Timestamps are whole
 * seconds, as {@link com.ecommerce.application.shared.Timestamps} makes them.
 */
public abstract class StoreContractTest {

    /** The stores and the transactions of one implementation. */
    public record Stores(UserStorePort users, PointStorePort points, ItemStorePort items, OrderStorePort orders,
                         PaymentStorePort payments, IdempotencyStorePort idempotency, TransactionPort transactions) {

        public static Stores of(InMemoryStore store) {
            return new Stores(store.users, store.points, store.items, store.orders, store.payments,
                    store.idempotencyRecords, store);
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

    protected static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    protected static final String OTHER_FINGERPRINT =
            "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    /** As long as a name may be, in characters that take three bytes each in UTF-8. */
    protected static final String LONGEST_HANGUL_NAME = "가나다라마바사아자차".repeat(Limits.NAME_MAX_LENGTH / 10);

    /** Instants that a time zone or a column type could shift. */
    protected static final List<Instant> AWKWARD_INSTANTS = List.of(
            Instant.parse("2026-03-29T01:30:00Z"),  // inside the spring-forward gap of Europe's clocks
            Instant.parse("2026-10-25T01:30:59Z"),  // inside the fall-back overlap of Europe's clocks
            Instant.parse("1999-12-31T23:59:59Z"),
            Instant.parse("2038-01-19T03:14:08Z")); // one second past a 32-bit TIMESTAMP

    protected final UserStorePort users;
    protected final PointStorePort points;
    protected final ItemStorePort items;
    protected final OrderStorePort orders;
    protected final PaymentStorePort payments;
    protected final IdempotencyStorePort idempotency;
    protected final TransactionPort transactions;

    /** @param stores the implementation under test, new or shared, for each test */
    protected StoreContractTest(Stores stores) {
        users = stores.users();
        points = stores.points();
        items = stores.items();
        orders = stores.orders();
        payments = stores.payments();
        idempotency = stores.idempotency();
        transactions = stores.transactions();
    }

    /** A failure of the work itself, not of any store. */
    protected static final class WorkFailed extends RuntimeException {
        public WorkFailed() {
            super("the work failed");
        }
    }

    public record UserValues(Long id, String name) {
    }

    public record PointValues(long userId, long balance, long version) {
    }

    public record ItemValues(Long id, String name, long price) {
    }

    public record StockValues(long itemId, long quantity, long version) {
    }

    public record OrderValues(Long id, long userId, OrderStatus status, List<OrderLine> lines, Instant createdAt) {
    }

    public record PageInfo(int page, int size, long totalElements) {
    }

    protected static UserValues values(User u) {
        return new UserValues(u.id(), u.name());
    }

    protected static PointValues values(Point p) {
        return new PointValues(p.userId(), p.balance(), p.version());
    }

    protected static ItemValues values(Item i) {
        return new ItemValues(i.id(), i.name(), i.price());
    }

    protected static StockValues values(ItemStock s) {
        return new StockValues(s.itemId(), s.quantity(), s.version());
    }

    protected static OrderValues values(Order o) {
        return new OrderValues(o.id(), o.userId(), o.status(), o.lines(), o.createdAt());
    }

    protected static PageInfo pageInfo(Page<?> page) {
        return new PageInfo(page.page(), page.size(), page.totalElements());
    }

    protected static PointHistory charge(long userId, long amount, long balanceAfter, Instant at) {
        return new PointHistory(null, userId, PointTransactionType.CHARGE, Points.of(amount), Points.of(balanceAfter),
                null, null, at);
    }

    protected static OrderLine line(long itemId, long unitPrice, int quantity) {
        return new OrderLine(itemId, unitPrice, quantity);
    }

    protected static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    protected <T> T write(Supplier<T> work) {
        return transactions.inTransaction(work);
    }

    protected <T> T read(Supplier<T> work) {
        return transactions.readOnly(work);
    }

    protected long newUser(String name) {
        return write(() -> users.addUser(User.create(name)).id());
    }

    /** A user with a balance, as registering one stores it. */
    protected long newUserWithBalance(long balance) {
        return write(() -> {
            long userId = users.addUser(User.create("user")).id();
            points.addPoint(Point.reconstitute(userId, balance, 0));
            return userId;
        });
    }

    /** An item with its stock, as registering one stores it. */
    protected long newItem(String name, long price, long stock) {
        return write(() -> {
            long itemId = items.addItem(Item.create(name, price)).id();
            items.addStock(ItemStock.open(itemId, stock));
            return itemId;
        });
    }

    protected Order newOrder(long userId, Instant createdAt, OrderLine... lines) {
        return write(() -> orders.addOrder(Order.paid(userId, List.of(lines), createdAt)));
    }

    protected void addHistory(PointHistory... entries) {
        for (PointHistory entry : entries) {
            write(() -> {
                points.addHistory(entry);
                return null;
            });
        }
    }
}

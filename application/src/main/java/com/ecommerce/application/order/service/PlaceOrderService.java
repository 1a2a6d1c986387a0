package com.ecommerce.application.order.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.application.shared.port.out.OrderBatchMetricsPort;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.Combiner;
import com.ecommerce.application.shared.GuardedUnitOfWork;
import com.ecommerce.application.shared.IdempotentRequest;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderPlacement;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places an order in one atomic step. Before any lock: the buyer (404) and the items with their prices (404), which
 * never change. Then, under the locks of every item's stock and the buyer's balance, the domain's
 * {@link OrderPlacement} checks everything before anything is written, and the order, its history entry, the
 * balance and the stocks are written in that order (the hottest rows last), so a failure leaves nothing.
 *
 * <p>With {@link Combining combining} on (the default in the deployment), orders for the same items that arrive
 * while one of them holds the locks wait in this instance's queue for those items and are placed together by the
 * next one to lead, up to {@code maxBatchSize} per transaction ({@link OrderBatchRunner}): the locks, their hand-off
 * and the commit are paid once per batch instead of once per order, and each order still gets its own answer.
 */
public class PlaceOrderService implements PlaceOrderUseCase {

    static final String IDEMPOTENCY_SCOPE = "order";

    private final Stores stores;
    private final GuardedUnitOfWork unitOfWork;
    private final Clock clock;
    /** Null when combining is off. */
    private final Combiner<List<Long>, OrderBatchRunner.Pending, Order> combiner;

    /** The four stores an order touches. */
    public record Stores(UserStorePort users, ItemStorePort items, PointStorePort points, OrderStorePort orders) {
    }

    /**
     * Order combining: {@code enabled} or every order in a transaction of its own; {@code maxBatchSize}, at most
     * this many orders in one transaction (1 to {@value #MAX_BATCH_SIZE_LIMIT}). How long an order may wait in the
     * queue is its lock wait: past it, it leaves the queue with {@code LOCK_TIMEOUT}.
     */
    public record Combining(boolean enabled, int maxBatchSize) {

        public static final Combining OFF = new Combining(false, 1);

        public Combining {
            if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE_LIMIT) {
                throw new IllegalArgumentException("ecommerce.order.combining.max-batch-size must be 1 to "
                        + MAX_BATCH_SIZE_LIMIT + ", got " + maxBatchSize);
            }
        }
    }

    /** A batch locks one balance per order; past a few hundred rows a batch holds more than it saves. */
    public static final int MAX_BATCH_SIZE_LIMIT = 500;

    /** Without combining: every order in a transaction of its own. */
    public PlaceOrderService(Stores stores, GuardedUnitOfWork unitOfWork, Clock clock) {
        this(stores, unitOfWork, clock, Combining.OFF, OrderBatchMetricsPort.NONE);
    }

    public PlaceOrderService(Stores stores, GuardedUnitOfWork unitOfWork, Clock clock, Combining combining,
                             OrderBatchMetricsPort observer) {
        this.stores = stores;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.combiner = combining.enabled()
                ? new Combiner<>(combining.maxBatchSize(), new OrderBatchRunner(stores, unitOfWork, clock, observer),
                        itemIds -> new LockTimeoutException(itemIds.stream().map(LockKey::itemStock).toList()
                                .toString(), unitOfWork.lockWait()))
                : null;
    }

    @Override
    public Order placeOrder(Actor actor, PlaceOrderCommand command) {
        long userId = command.userId();
        // before the replay check: a key is the buyer's, and nobody else may read its remembered answer
        actor.requireActsFor(userId);
        var request = new IdempotentRequest<>(IDEMPOTENCY_SCOPE, userId, command.idempotencyKey(),
                command.fingerprint(), Order::id,
                orderId -> stores.orders().findOrder(orderId).orElseThrow(() -> NotFound.order(orderId)));
        if (combiner == null) {
            List<LockKey> keys = new ArrayList<>();
            command.itemIds().forEach(itemId -> keys.add(LockKey.itemStock(itemId)));
            keys.add(LockKey.point(userId));
            return unitOfWork.run(keys, request, () -> priced(command),
                    lines -> place(stores, clock, userId, lines));
        }
        List<Long> group = command.itemIds().stream().sorted().toList();
        return unitOfWork.runClaimed(request, () -> priced(command), (lines, claim) -> combiner.submit(group,
                new OrderBatchRunner.Pending(userId, lines, claim,
                        command.idempotencyKey() == null ? null : command.idempotencyKey().value()),
                System.nanoTime() + unitOfWork.lockWait().toNanos()));
    }

    /**
     * What does not change is settled before any lock is taken: the buyer exists (users are never deleted) and the
     * items exist with their prices (names and prices never change). The user is checked first: an unknown user wins
     * over unknown items. The stores serve these reads from their caches.
     */
    private List<OrderLine> priced(PlaceOrderCommand command) {
        if (!stores.users().existsUser(command.userId())) {
            throw NotFound.user(command.userId());
        }
        List<Long> itemIds = command.itemIds();
        Map<Long, Item> items = stores.items().findItems(itemIds).stream()
                .collect(Collectors.toMap(Item::id, Function.identity()));
        requireAll(itemIds, items.keySet());
        return command.lines().stream()
                .map(line -> new OrderLine(line.itemId(), items.get(line.itemId()).price(), line.quantity()))
                .toList();
    }

    /** Inside the locks: read the stocks and the balance, let the domain decide, then write. */
    static Order place(Stores stores, Clock clock, long userId, List<OrderLine> lines) {
        Point buyer = stores.points().findPoint(userId).orElseThrow(() -> NotFound.user(userId));
        List<Long> itemIds = lines.stream().map(OrderLine::itemId).toList();
        List<ItemStock> stocks = stores.items().findStocks(itemIds);
        requireAll(itemIds, stocks.stream().map(ItemStock::itemId).toList());
        OrderPlacement placement = OrderPlacement.check(buyer, lines, stocks, Timestamps.now(clock));
        Order stored = stores.orders().addOrder(placement.order());
        placement.apply(stored).ifPresent(spent -> {
            stores.points().addHistory(spent);
            stores.points().updatePoint(buyer);
        });
        placement.stocks().forEach(stores.items()::updateStock);
        return stored;
    }

    private static void requireAll(List<Long> itemIds, Collection<Long> found) {
        List<Long> unknown = itemIds.stream().filter(id -> !found.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw NotFound.items(unknown);
        }
    }
}

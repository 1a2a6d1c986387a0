package com.ecommerce.application.service;

import com.ecommerce.application.port.in.PlaceOrderCommand;
import com.ecommerce.application.port.in.PlaceOrderUseCase;
import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.SaveOrderPort;
import com.ecommerce.application.port.out.SavePointHistoryPort;
import com.ecommerce.application.port.out.SavePointPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places an order in one atomic step. Before any lock: the user (404) and the items with their prices (404), which
 * never change. Then every item's stock and the buyer's balance are locked in one sorted acquisition, and one
 * transaction checks everything before it writes anything: the stock of every line (409 OUT_OF_STOCK, naming the
 * items), the balance (409 INSUFFICIENT_POINTS). Only then are the order stored as PAID, the points used and the
 * stocks deducted, so a failure leaves nothing.
 */
public class PlaceOrderService implements PlaceOrderUseCase {

    static final String IDEMPOTENCY_SCOPE = "order";

    private final LoadUserPort loadUserPort;
    private final LoadPointPort loadPointPort;
    private final SavePointPort savePointPort;
    private final SavePointHistoryPort savePointHistoryPort;
    private final LoadItemPort loadItemPort;
    private final LoadStockPort loadStockPort;
    private final SaveStockPort saveStockPort;
    private final LoadOrderPort loadOrderPort;
    private final SaveOrderPort saveOrderPort;
    private final LockPort lockPort;
    private final TransactionPort transactionPort;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Duration lockWaitTimeout;

    public PlaceOrderService(LoadUserPort loadUserPort, LoadPointPort loadPointPort, SavePointPort savePointPort,
                             SavePointHistoryPort savePointHistoryPort, LoadItemPort loadItemPort,
                             LoadStockPort loadStockPort, SaveStockPort saveStockPort, LoadOrderPort loadOrderPort,
                             SaveOrderPort saveOrderPort, LockPort lockPort, TransactionPort transactionPort,
                             Idempotency idempotency, Clock clock, Duration lockWaitTimeout) {
        this.loadUserPort = loadUserPort;
        this.loadPointPort = loadPointPort;
        this.savePointPort = savePointPort;
        this.savePointHistoryPort = savePointHistoryPort;
        this.loadItemPort = loadItemPort;
        this.loadStockPort = loadStockPort;
        this.saveStockPort = saveStockPort;
        this.loadOrderPort = loadOrderPort;
        this.saveOrderPort = saveOrderPort;
        this.lockPort = lockPort;
        this.transactionPort = transactionPort;
        this.idempotency = idempotency;
        this.clock = clock;
        this.lockWaitTimeout = lockWaitTimeout;
    }

    @Override
    public Order placeOrder(PlaceOrderCommand command) {
        List<LockKey> keys = new ArrayList<>();
        command.itemIds().forEach(itemId -> keys.add(LockKey.itemStock(itemId)));
        keys.add(LockKey.point(command.userId()));
        return idempotency.run(IDEMPOTENCY_SCOPE, command.userId(), command.idempotencyKey(), command.fingerprint(),
                orderId -> loadOrderPort.loadOrder(orderId).orElseThrow(() -> NotFound.order(orderId)),
                claim -> {
                    List<OrderLine> lines = priced(command);
                    return lockPort.withLocks(keys, lockWaitTimeout,
                            () -> transactionPort.inTransaction(() -> {
                                Point point = loadPointPort.loadPoint(command.userId())
                                        .orElseThrow(() -> NotFound.user(command.userId()));
                                claim.claim();
                                Order placed = place(command.userId(), lines, point);
                                claim.complete(placed.id());
                                return placed;
                            }));
                });
    }

    /**
     * What does not change is settled before any lock is taken: the buyer exists (users are never deleted) and the
     * items exist with their prices (names and prices never change). The user is checked first: an unknown user wins
     * over unknown items. These reads need no transaction of their own (the store serves them from its cache).
     */
    private List<OrderLine> priced(PlaceOrderCommand command) {
        if (!loadUserPort.userExists(command.userId())) {
            throw NotFound.user(command.userId());
        }
        List<Long> itemIds = command.itemIds();
        Map<Long, Item> items = loadItemPort.loadItems(itemIds).stream()
                .collect(Collectors.toMap(Item::id, Function.identity()));
        List<Long> unknown = itemIds.stream().filter(id -> !items.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw NotFound.items(unknown);
        }
        return command.lines().stream()
                .map(line -> new OrderLine(line.itemId(), items.get(line.itemId()).price(), line.quantity()))
                .toList();
    }

    /**
     * Inside the locks only what must be exclusive: read the stocks and the balance, check them all before writing
     * anything (every short item named, then the balance), then write. The order, its history entry and the balance
     * come first; the stock rows, the hottest rows of a sale, are written last and in key order, so that the database
     * holds their row locks only from that write to the commit (and two orders cannot deadlock even without a lock).
     */
    private Order place(long userId, List<OrderLine> lines, Point point) {
        List<Long> itemIds = lines.stream().map(OrderLine::itemId).toList();
        Map<Long, ItemStock> stocks = loadStockPort.loadStocks(itemIds).stream()
                .collect(Collectors.toMap(ItemStock::itemId, Function.identity()));
        List<Long> unknown = itemIds.stream().filter(id -> !stocks.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw NotFound.items(unknown);
        }
        List<Long> shortItems = lines.stream()
                .filter(line -> !stocks.get(line.itemId()).canSupply(line.quantity()))
                .map(OrderLine::itemId)
                .toList();
        if (!shortItems.isEmpty()) {
            throw new DomainException(ErrorCode.OUT_OF_STOCK, "Not enough stock for items " + shortItems,
                    Map.of("itemIds", shortItems));
        }
        Order order = Order.paid(userId, lines, Timestamps.now(clock));
        if (!point.covers(order.totalAmount())) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS,
                    "The balance " + point.balance() + " does not cover the total " + order.totalAmount());
        }
        Order saved = saveOrderPort.saveNewOrder(order);
        if (saved.totalAmount() > 0) {
            savePointHistoryPort.appendHistory(point.use(saved.totalAmount(), saved.id()).at(saved.createdAt()));
            savePointPort.updatePoint(point);
        }
        lines.stream().sorted(Comparator.comparingLong(OrderLine::itemId)).forEach(line -> {
            ItemStock stock = stocks.get(line.itemId());
            stock.deduct(line.quantity());
            saveStockPort.updateStock(stock);
        });
        return saved;
    }
}

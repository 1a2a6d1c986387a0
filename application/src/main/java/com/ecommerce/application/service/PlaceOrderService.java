package com.ecommerce.application.service;

import com.ecommerce.application.port.in.PlaceOrderCommand;
import com.ecommerce.application.port.in.PlaceOrderUseCase;
import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.LoadStockPort;
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
 * Places an order in one atomic step. Every item's stock and the buyer's balance are locked in one sorted
 * acquisition, then one transaction checks everything before it writes anything: the user (404), the items
 * (404), the stock of every line (409 OUT_OF_STOCK, naming the items), the balance (409 INSUFFICIENT_POINTS).
 * Only then are the stocks deducted, the order stored as PAID and the points used, so a failure leaves nothing.
 */
public class PlaceOrderService implements PlaceOrderUseCase {

    static final String IDEMPOTENCY_SCOPE = "order";

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

    public PlaceOrderService(LoadPointPort loadPointPort, SavePointPort savePointPort,
                             SavePointHistoryPort savePointHistoryPort, LoadItemPort loadItemPort,
                             LoadStockPort loadStockPort, SaveStockPort saveStockPort, LoadOrderPort loadOrderPort,
                             SaveOrderPort saveOrderPort, LockPort lockPort, TransactionPort transactionPort,
                             Idempotency idempotency, Clock clock, Duration lockWaitTimeout) {
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
                claim -> lockPort.withLocks(keys, lockWaitTimeout,
                        () -> transactionPort.inTransaction(() -> {
                            Point point = loadPointPort.loadPoint(command.userId())
                                    .orElseThrow(() -> NotFound.user(command.userId()));
                            claim.claim();
                            Order placed = place(command, point);
                            claim.complete(placed.id());
                            return placed;
                        })));
    }

    private Order place(PlaceOrderCommand command, Point point) {
        List<Long> itemIds = command.itemIds();
        Map<Long, Item> items = loadItemPort.loadItems(itemIds).stream()
                .collect(Collectors.toMap(Item::id, Function.identity()));
        Map<Long, ItemStock> stocks = loadStockPort.loadStocks(itemIds).stream()
                .collect(Collectors.toMap(ItemStock::itemId, Function.identity()));
        List<Long> unknown = itemIds.stream().filter(id -> !items.containsKey(id) || !stocks.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw NotFound.items(unknown);
        }
        List<Long> shortItems = command.lines().stream()
                .filter(line -> !stocks.get(line.itemId()).canSupply(line.quantity()))
                .map(PlaceOrderCommand.Line::itemId)
                .toList();
        if (!shortItems.isEmpty()) {
            throw new DomainException(ErrorCode.OUT_OF_STOCK, "Not enough stock for items " + shortItems,
                    Map.of("itemIds", shortItems));
        }
        List<OrderLine> lines = command.lines().stream()
                .map(line -> new OrderLine(line.itemId(), items.get(line.itemId()).price(), line.quantity()))
                .toList();
        Order order = Order.paid(command.userId(), lines, Timestamps.now(clock));
        if (!point.covers(order.totalAmount())) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS,
                    "The balance " + point.balance() + " does not cover the total " + order.totalAmount());
        }
        // Rows are written in key order too, so that even without a lock two orders cannot deadlock in the database.
        lines.stream().sorted(Comparator.comparingLong(OrderLine::itemId)).forEach(line -> {
            ItemStock stock = stocks.get(line.itemId());
            stock.deduct(line.quantity());
            saveStockPort.updateStock(stock);
        });
        Order saved = saveOrderPort.saveNewOrder(order);
        if (saved.totalAmount() > 0) {
            savePointHistoryPort.appendHistory(point.use(saved.totalAmount(), saved.id()).at(saved.createdAt()));
            savePointPort.updatePoint(point);
        }
        return saved;
    }
}

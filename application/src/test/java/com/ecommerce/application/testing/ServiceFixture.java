package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.order.combining.Combiner;
import com.ecommerce.application.order.combining.OrderWriter;
import com.ecommerce.application.order.service.GetOrderService;
import com.ecommerce.application.order.service.ListUserOrdersService;
import com.ecommerce.application.order.service.PlaceOrderService;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.service.ChargePointService;
import com.ecommerce.application.point.service.GetPointBalanceService;
import com.ecommerce.application.point.service.GetPointHistoryService;
import com.ecommerce.application.shared.ReadCapacity;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.service.GetItemService;
import com.ecommerce.application.stock.service.ListItemsService;
import com.ecommerce.application.stock.service.RegisterItemService;
import com.ecommerce.application.stock.service.RestockItemService;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.service.GetUserService;
import com.ecommerce.application.user.service.RegisterUserService;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.Actor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every service wired to one in-memory store, one recording lock and a clock that moves only when told. */
public class ServiceFixture {

    public static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
    public static final Instant NOW_STORED = Instant.parse("2026-11-25T10:15:30Z");
    public static final Duration WAIT = Duration.ofMillis(1234);
    public static final int BATCH_SIZE = 64;
    public static final Duration RETENTION = Duration.ofHours(24);
    /** Tests of business outcomes act as an administrator; {@code AccessRulesTest} covers who may act. */
    public static final Actor ADMIN = Actor.admin(0);

    public final InMemoryStore store = new InMemoryStore();
    public final RecordingLockPort lock = new RecordingLockPort(store);
    public final MutableClock clock = new MutableClock(NOW);
    public final IdempotencyRetention retention = new IdempotencyRetention(clock, RETENTION);
    public final Idempotency idempotency = new Idempotency(store, store, retention);
    public final GuardedUnitOfWork unitOfWork = new GuardedUnitOfWork(lock, store, idempotency, WAIT);
    /** The size of every batch of orders that ran, and how many of its orders were placed ("3/2"). */
    public final List<String> batches = new CopyOnWriteArrayList<>();

    public final RegisterUserService registerUser = new RegisterUserService(store, store, store);
    public final ChargePointService chargePoint = new ChargePointService(store, unitOfWork, clock, true);
    public final GetUserService getUser = new GetUserService(store, store, store);
    public final GetPointBalanceService getBalance = new GetPointBalanceService(store, store);
    public final GetPointHistoryService getHistory = new GetPointHistoryService(store, store, store);
    public final RegisterItemService registerItem = new RegisterItemService(store, store);
    public final ReadCapacity catalogueReads = new ReadCapacity(2, Duration.ofMillis(50));
    public final GetItemService getItem = new GetItemService(store, store, catalogueReads);
    public final ListItemsService listItems = new ListItemsService(store, store, catalogueReads);
    public final RestockItemService restock = new RestockItemService(store, unitOfWork);
    /** Orders as deployed by default: combined per item set, up to {@value #BATCH_SIZE} per transaction. */
    public final PlaceOrderService placeOrder = new PlaceOrderService(store, store, store, idempotency,
            new Combiner<>(BATCH_SIZE, new OrderWriter(store, store, store, unitOfWork, clock),
                    (orders, placed) -> batches.add(orders + "/" + placed)), WAIT);
    public final GetOrderService getOrder = new GetOrderService(store, store);
    public final ListUserOrdersService listOrders = new ListUserOrdersService(store, store, store);

    public long userWithBalance(long balance) {
        long userId = registerUser.register(ADMIN, new RegisterUserCommand("kim")).userId();
        for (long left = balance; left > 0; left -= Limits.CHARGE_MAX) {
            chargePoint.charge(ADMIN, new ChargePointCommand(userId, Math.min(left, Limits.CHARGE_MAX), null));
        }
        return userId;
    }

    public long item(long price, long stock) {
        ItemView item = registerItem.register(ADMIN, new RegisterItemCommand("item", price, stock));
        return item.itemId();
    }

    public long balance(long userId) {
        return store.findPoint(userId).orElseThrow().balance();
    }

    public long stock(long itemId) {
        return store.findStock(itemId).orElseThrow().quantity();
    }
}

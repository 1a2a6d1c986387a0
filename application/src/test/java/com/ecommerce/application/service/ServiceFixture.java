package com.ecommerce.application.service;

import com.ecommerce.application.port.in.ChargePointCommand;
import com.ecommerce.application.port.in.ItemView;
import com.ecommerce.application.port.in.RegisterItemCommand;
import com.ecommerce.application.port.in.RegisterUserCommand;
import com.ecommerce.domain.shared.Limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Every service wired to one in-memory store, one recording lock and a fixed clock. */
class ServiceFixture {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
    static final Instant NOW_STORED = Instant.parse("2026-11-25T10:15:30Z");
    static final Duration WAIT = Duration.ofMillis(1234);

    final InMemoryStore store = new InMemoryStore();
    final RecordingLockPort lock = new RecordingLockPort(store);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Idempotency idempotency = new Idempotency(store, store, store);

    final RegisterUserService registerUser = new RegisterUserService(store, store, store);
    final ChargePointService chargePoint =
            new ChargePointService(store, store, store, lock, store, idempotency, clock, WAIT);
    final GetUserService getUser = new GetUserService(store, store, store);
    final GetPointBalanceService getBalance = new GetPointBalanceService(store, store);
    final GetPointHistoryService getHistory = new GetPointHistoryService(store, store, store);
    final RegisterItemService registerItem = new RegisterItemService(store, store, store);
    final GetItemService getItem = new GetItemService(store, store, store);
    final ListItemsService listItems = new ListItemsService(store, store, store);
    final RestockItemService restock = new RestockItemService(store, store, lock, store, WAIT);
    final PlaceOrderService placeOrder = new PlaceOrderService(store, store, store, store, store, store, store, store, store,
            lock, store, idempotency, clock, WAIT);
    final GetOrderService getOrder = new GetOrderService(store, store);
    final ListUserOrdersService listOrders = new ListUserOrdersService(store, store, store);

    long userWithBalance(long balance) {
        long userId = registerUser.register(new RegisterUserCommand("kim")).userId();
        for (long left = balance; left > 0; left -= Limits.CHARGE_MAX) {
            chargePoint.charge(new ChargePointCommand(userId, Math.min(left, Limits.CHARGE_MAX), null));
        }
        return userId;
    }

    long item(long price, long stock) {
        ItemView item = registerItem.register(new RegisterItemCommand("item", price, stock));
        return item.itemId();
    }

    long balance(long userId) {
        return store.loadPoint(userId).orElseThrow().balance();
    }

    long stock(long itemId) {
        return store.loadStock(itemId).orElseThrow().quantity();
    }
}

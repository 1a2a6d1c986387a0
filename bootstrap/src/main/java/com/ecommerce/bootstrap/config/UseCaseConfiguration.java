package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.application.port.out.LoadIdempotencyRecordPort;
import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.LoadPointHistoryPort;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.SaveIdempotencyRecordPort;
import com.ecommerce.application.port.out.SaveItemPort;
import com.ecommerce.application.port.out.SaveOrderPort;
import com.ecommerce.application.port.out.SavePointHistoryPort;
import com.ecommerce.application.port.out.SavePointPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.application.port.out.SaveUserPort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.point.service.ChargePointService;
import com.ecommerce.application.stock.service.GetItemService;
import com.ecommerce.application.order.service.GetOrderService;
import com.ecommerce.application.point.service.GetPointBalanceService;
import com.ecommerce.application.point.service.GetPointHistoryService;
import com.ecommerce.application.user.service.GetUserService;
import com.ecommerce.application.shared.Idempotency;
import com.ecommerce.application.stock.service.ListItemsService;
import com.ecommerce.application.order.service.ListUserOrdersService;
import com.ecommerce.application.order.service.PlaceOrderService;
import com.ecommerce.application.stock.service.RegisterItemService;
import com.ecommerce.application.user.service.RegisterUserService;
import com.ecommerce.application.stock.service.RestockItemService;
import com.ecommerce.domain.lock.LockPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The use cases are plain Java; they are wired here, explicitly, to whatever adapters the profiles chose. */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Idempotency idempotency(LoadIdempotencyRecordPort load, SaveIdempotencyRecordPort save, TransactionPort tx) {
        return new Idempotency(load, save, tx);
    }

    @Bean
    RegisterUserService registerUserService(SaveUserPort users, SavePointPort points, TransactionPort tx) {
        return new RegisterUserService(users, points, tx);
    }

    @Bean
    GetUserService getUserService(LoadUserPort users, LoadPointPort points, TransactionPort tx) {
        return new GetUserService(users, points, tx);
    }

    @Bean
    ChargePointService chargePointService(LoadPointPort load, SavePointPort save, SavePointHistoryPort history,
                                          LockPort lock, TransactionPort tx, Idempotency idempotency, Clock clock,
                                          LockProperties lockProperties) {
        return new ChargePointService(load, save, history, lock, tx, idempotency, clock, lockProperties.waitTimeout());
    }

    @Bean
    GetPointBalanceService getPointBalanceService(LoadPointPort points, TransactionPort tx) {
        return new GetPointBalanceService(points, tx);
    }

    @Bean
    GetPointHistoryService getPointHistoryService(LoadUserPort users, LoadPointHistoryPort history, TransactionPort tx) {
        return new GetPointHistoryService(users, history, tx);
    }

    @Bean
    RegisterItemService registerItemService(SaveItemPort items, SaveStockPort stocks, TransactionPort tx) {
        return new RegisterItemService(items, stocks, tx);
    }

    @Bean
    GetItemService getItemService(LoadItemPort items, LoadStockPort stocks, TransactionPort tx) {
        return new GetItemService(items, stocks, tx);
    }

    @Bean
    ListItemsService listItemsService(LoadItemPort items, LoadStockPort stocks, TransactionPort tx) {
        return new ListItemsService(items, stocks, tx);
    }

    @Bean
    RestockItemService restockItemService(LoadStockPort load, SaveStockPort save, LockPort lock, TransactionPort tx,
                                          LockProperties lockProperties) {
        return new RestockItemService(load, save, lock, tx, lockProperties.waitTimeout());
    }

    @Bean
    PlaceOrderService placeOrderService(LoadUserPort users, LoadPointPort loadPoint, SavePointPort savePoint,
                                        SavePointHistoryPort history, LoadItemPort items, LoadStockPort loadStock,
                                        SaveStockPort saveStock, LoadOrderPort loadOrder, SaveOrderPort saveOrder,
                                        LockPort lock, TransactionPort tx, Idempotency idempotency, Clock clock,
                                        LockProperties lockProperties) {
        return new PlaceOrderService(users, loadPoint, savePoint, history, items, loadStock, saveStock, loadOrder, saveOrder,
                lock, tx, idempotency, clock, lockProperties.waitTimeout());
    }

    @Bean
    GetOrderService getOrderService(LoadOrderPort orders, TransactionPort tx) {
        return new GetOrderService(orders, tx);
    }

    @Bean
    ListUserOrdersService listUserOrdersService(LoadUserPort users, LoadOrderPort orders, TransactionPort tx) {
        return new ListUserOrdersService(users, orders, tx);
    }
}

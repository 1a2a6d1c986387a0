package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.order.combining.Combiner;
import com.ecommerce.application.order.combining.OrderWriter;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.order.service.GetOrderService;
import com.ecommerce.application.order.service.ListUserOrdersService;
import com.ecommerce.application.order.service.PlaceOrderService;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.point.service.ChargePointService;
import com.ecommerce.application.point.service.GetPointBalanceService;
import com.ecommerce.application.point.service.GetPointHistoryService;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.ReadCapacity;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.stock.service.GetItemService;
import com.ecommerce.application.stock.service.ListItemsService;
import com.ecommerce.application.stock.service.RegisterItemService;
import com.ecommerce.application.stock.service.RestockItemService;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.application.user.service.GetUserService;
import com.ecommerce.application.user.service.RegisterUserService;
import com.ecommerce.domain.lock.LockPort;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;

/** The use cases are plain Java; they are wired here, explicitly, to whatever adapters the profiles chose. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OrderCombiningProperties.class, PointProperties.class, CatalogueProperties.class})
public class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Idempotency idempotency(IdempotencyStorePort store, TransactionPort tx, IdempotencyRetention retention) {
        return new Idempotency(store, tx, retention);
    }

    /** Where every write of contended rows takes its locks, opens its transaction and is fenced. */
    @Bean
    GuardedUnitOfWork guardedUnitOfWork(LockPort lock, TransactionPort tx, Idempotency idempotency,
                                        LockProperties lockProperties) {
        return new GuardedUnitOfWork(lock, tx, idempotency, lockProperties.waitTimeout());
    }

    @Bean
    RegisterUserService registerUserService(UserStorePort users, PointStorePort points, TransactionPort tx) {
        return new RegisterUserService(users, points, tx);
    }

    @Bean
    GetUserService getUserService(UserStorePort users, PointStorePort points, TransactionPort tx) {
        return new GetUserService(users, points, tx);
    }

    @Bean
    ChargePointService chargePointService(PointStorePort points, GuardedUnitOfWork unitOfWork, Clock clock,
                                          PointProperties properties, Environment environment) {
        return new ChargePointService(points, unitOfWork, clock, properties.selfChargeIn(environment));
    }

    @Bean
    GetPointBalanceService getPointBalanceService(PointStorePort points, TransactionPort tx) {
        return new GetPointBalanceService(points, tx);
    }

    @Bean
    GetPointHistoryService getPointHistoryService(UserStorePort users, PointStorePort points, TransactionPort tx) {
        return new GetPointHistoryService(users, points, tx);
    }

    @Bean
    RegisterItemService registerItemService(ItemStorePort items, TransactionPort tx) {
        return new RegisterItemService(items, tx);
    }

    /** The public catalogue's share of the pool, waiting for a turn as long as a request waits for a connection. */
    @Bean
    ReadCapacity catalogueReads(CatalogueProperties catalogue, Environment environment) {
        return new ReadCapacity(catalogue.concurrentReads(), ConnectionWaitGuard.connectionWait(environment));
    }

    @Bean
    GetItemService getItemService(ItemStorePort items, TransactionPort tx, ReadCapacity catalogueReads) {
        return new GetItemService(items, tx, catalogueReads);
    }

    @Bean
    ListItemsService listItemsService(ItemStorePort items, TransactionPort tx, ReadCapacity catalogueReads) {
        return new ListItemsService(items, tx, catalogueReads);
    }

    @Bean
    RestockItemService restockItemService(ItemStorePort items, GuardedUnitOfWork unitOfWork) {
        return new RestockItemService(items, unitOfWork);
    }

    /**
     * Orders, combined per item set unless {@code ecommerce.order.combining.enabled} is false (then each batch holds
     * one order): one queue per item set in this instance, whose batches the order writer places.
     */
    @Bean
    PlaceOrderService placeOrderService(UserStorePort users, ItemStorePort items, PointStorePort points,
                                        OrderStorePort orders, Idempotency idempotency, GuardedUnitOfWork unitOfWork,
                                        Clock clock, OrderCombiningProperties combining, LockProperties lockProperties,
                                        MeterRegistry registry) {
        OrderWriter writer = new OrderWriter(items, points, orders, unitOfWork, clock);
        return new PlaceOrderService(users, items, orders, idempotency,
                new Combiner<>(combining.combining().batchSize(), writer, new OrderBatchMetrics(registry)),
                lockProperties.waitTimeout());
    }

    @Bean
    GetOrderService getOrderService(OrderStorePort orders, TransactionPort tx) {
        return new GetOrderService(orders, tx);
    }

    @Bean
    ListUserOrdersService listUserOrdersService(UserStorePort users, OrderStorePort orders, TransactionPort tx) {
        return new ListUserOrdersService(users, orders, tx);
    }
}

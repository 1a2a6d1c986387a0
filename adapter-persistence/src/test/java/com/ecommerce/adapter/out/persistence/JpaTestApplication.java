package com.ecommerce.adapter.out.persistence;

import com.ecommerce.adapter.out.persistence.order.OrderStoreAdapter;
import com.ecommerce.adapter.out.persistence.payment.PaymentStoreAdapter;
import com.ecommerce.adapter.out.persistence.point.PointStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.IdempotencyStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.ReservedConnections;
import com.ecommerce.adapter.out.persistence.shared.TransactionAdapter;
import com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter;
import com.ecommerce.adapter.out.persistence.user.UserStoreAdapter;
import com.ecommerce.application.testing.StoreContractTest.Stores;
import com.ecommerce.application.testing.StoreContractTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The persistence adapters alone, wired as bootstrap's {@code PersistenceConfiguration} wires them (a shared,
 * transaction-bound {@link EntityManager}), on Boot's DataSource, Flyway and JPA auto-configuration. No component
 * scan: only the beans below.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EntityScan("com.ecommerce.adapter.out.persistence")
public class JpaTestApplication {

    @Bean
    Clock clock() {
        return StoreContractTest.CLOCK;
    }

    @Bean
    EntityManager sharedEntityManager(EntityManagerFactory entityManagerFactory) {
        return SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    }

    /** Every connection goes through {@link ReservedConnections}: a write takes its own before its locks. */
    @Bean
    static BeanPostProcessor reservedConnections() {
        return ReservedConnections.aroundThePool();
    }

    @Bean
    TransactionAdapter transactionAdapter(PlatformTransactionManager transactionManager, DataSource dataSource)
            throws SQLException {
        return new TransactionAdapter(transactionManager, dataSource.unwrap(ReservedConnections.class));
    }

    @Bean
    UserStoreAdapter userStore(EntityManager em, Clock clock) {
        return new UserStoreAdapter(em, clock);
    }

    @Bean
    PointStoreAdapter pointStore(EntityManager em) {
        return new PointStoreAdapter(em);
    }

    @Bean
    ItemStoreAdapter itemStore(EntityManager em, Clock clock) {
        return new ItemStoreAdapter(em, clock);
    }

    @Bean
    OrderStoreAdapter orderStore(EntityManager em) {
        return new OrderStoreAdapter(em);
    }

    @Bean
    PaymentStoreAdapter paymentStore(EntityManager em) {
        return new PaymentStoreAdapter(em);
    }

    @Bean
    IdempotencyStoreAdapter idempotencyStore(EntityManager em) {
        return new IdempotencyStoreAdapter(em);
    }

    /** What every store contract test is constructed with. */
    @Bean
    Stores stores(UserStoreAdapter users, PointStoreAdapter points, ItemStoreAdapter items, OrderStoreAdapter orders,
                  PaymentStoreAdapter payments, IdempotencyStoreAdapter idempotency, TransactionAdapter transactions) {
        return new Stores(users, points, items, orders, payments, idempotency, transactions);
    }
}

package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.persistence.order.OrderStoreAdapter;
import com.ecommerce.adapter.out.persistence.payment.PaymentStoreAdapter;
import com.ecommerce.adapter.out.persistence.point.PointStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.IdempotencyStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.ReservedConnections;
import com.ecommerce.adapter.out.persistence.shared.TransactionAdapter;
import com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter;
import com.ecommerce.adapter.out.persistence.user.UserStoreAdapter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The stores: one JPA adapter per aggregate, the idempotency records and the transactions. The entities live in
 * adapter-persistence; the adapters use a shared, transaction-bound {@link EntityManager} (no Spring Data
 * repositories: their proxies cost an order 11-14 % of its CPU in the profile).
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackages = "com.ecommerce.adapter.out.persistence")
public class PersistenceConfiguration {

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
    ItemStoreAdapter itemStore(EntityManager em, Clock clock, CatalogueProperties catalogue) {
        return new ItemStoreAdapter(em, clock, catalogue.countTtl());
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
}

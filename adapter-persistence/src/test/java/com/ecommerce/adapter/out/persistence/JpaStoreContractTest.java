package com.ecommerce.adapter.out.persistence;

import com.ecommerce.adapter.out.persistence.order.OrderStoreAdapter;
import com.ecommerce.adapter.out.persistence.point.PointStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.IdempotencyStoreAdapter;
import com.ecommerce.adapter.out.persistence.shared.TransactionAdapter;
import com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter;
import com.ecommerce.adapter.out.persistence.user.UserStoreAdapter;
import com.ecommerce.application.testing.StoreContractTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The store contract on the JPA adapters, with the JPA, Hibernate and pool settings of bootstrap's
 * {@code application.yml} that change what the stores do (the schema comes from the same Flyway migrations and is
 * validated against the entities). A subclass names the database.
 */
@SpringBootTest(classes = JpaTestApplication.class, properties = {
        "spring.data.jpa.repositories.enabled=false",
        "spring.jpa.open-in-view=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC",
        "spring.jpa.properties.hibernate.type.preferred_instant_jdbc_type=TIMESTAMP",
        "spring.jpa.properties.hibernate.default_batch_fetch_size=100",
        "spring.jpa.properties.hibernate.connection.provider_disables_autocommit=true",
        "spring.jpa.properties.hibernate.jdbc.batch_size=50",
        "spring.jpa.properties.hibernate.order_inserts=true",
        "spring.jpa.properties.hibernate.order_updates=true",
        "spring.jpa.properties.hibernate.query.in_clause_parameter_padding=true",
        "spring.datasource.hikari.auto-commit=false",
        "spring.datasource.hikari.maximum-pool-size=4",
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        // the duplicate idempotency keys the contract claims on purpose would be logged as warnings
        "logging.level.org.hibernate.orm.jdbc.error=error"})
public abstract class JpaStoreContractTest extends StoreContractTest {

    @Autowired
    private UserStoreAdapter users;
    @Autowired
    private PointStoreAdapter points;
    @Autowired
    private ItemStoreAdapter items;
    @Autowired
    private OrderStoreAdapter orders;
    @Autowired
    private IdempotencyStoreAdapter idempotency;
    @Autowired
    private TransactionAdapter transactions;

    @Override
    protected Stores stores() {
        return new Stores(users, points, items, orders, idempotency, transactions);
    }
}

package com.ecommerce.adapter.out.persistence;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.context.TestConstructor.AutowireMode;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JPA adapters under a store contract test, with the JPA, Hibernate and pool settings of bootstrap's
 * {@code application.yml} that change what the stores do (the schema comes from the same Flyway migrations and is
 * validated against the entities); the contract test is constructed with the adapters' {@code Stores}. A database
 * annotation ({@link OnH2}, {@link OnMariaDb}) carries this one and names the database.
 *
 * <p>The settings live here once, and every contract test on a database names them through the same annotation,
 * so that Spring's test context cache starts one context per database for all of the contract tests.
 */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
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
@TestConstructor(autowireMode = AutowireMode.ALL)
public @interface JpaStoreContract {
}

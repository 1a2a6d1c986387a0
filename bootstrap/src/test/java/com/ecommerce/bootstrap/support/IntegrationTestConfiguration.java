package com.ecommerce.bootstrap.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.mysql.MySQLContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

    static class UsesTestcontainers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.source() == TestDatabase.Source.TESTCONTAINERS;
        }
    }

    @Bean
    @ServiceConnection
    @Conditional(UsesTestcontainers.class)
    MySQLContainer mysql() {
        return new MySQLContainer("mysql:8.4");
    }

    /** Test contexts started in this JVM; each numbers its users and items from its own range. */
    private static final AtomicLong CONTEXTS = new AtomicLong();

    /**
     * Every test context starts from an empty schema: exact-state assertions must not see earlier runs. Ids are not
     * reused, as in production: the service caches items (immutable) and known users by id, and a context cached by
     * the test framework keeps its caches while a later context wipes the schema, so each context starts the ids of
     * users and items where no earlier context could have handed them out.
     */
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
            long firstId = CONTEXTS.incrementAndGet() * 10_000_000L;
            try (Connection c = flyway.getConfiguration().getDataSource().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE users AUTO_INCREMENT = " + firstId);
                s.execute("ALTER TABLE item AUTO_INCREMENT = " + firstId);
            } catch (SQLException e) {
                throw new IllegalStateException("could not set the first ids of the test context", e);
            }
        };
    }
}

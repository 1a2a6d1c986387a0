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

    /** Every test context starts from an empty schema: exact-state assertions must not see earlier runs. */
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}

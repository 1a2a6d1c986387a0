package com.ecommerce.adapter.out.lock.db;

import com.ecommerce.adapter.out.lock.jvm.LocallyQueuedLockAdapter;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.support.LockStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@Profile("lock-db")
public class DatabaseLockConfiguration {

    @Bean
    LockStrategy databaseLockAdapter(PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                                     LockProperties properties, MeterRegistry registry) {
        return LocallyQueuedLockAdapter.inFrontOf(
                new DatabaseLockAdapter(transactionManager, jdbc, new LockMetrics(registry, "db")), properties, registry);
    }
}

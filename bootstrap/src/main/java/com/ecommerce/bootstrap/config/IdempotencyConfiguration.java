package com.ecommerce.bootstrap.config;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.in.PurgeExpiredIdempotencyRecordsUseCase;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.idempotency.service.PurgeExpiredIdempotencyRecordsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long idempotency records are kept ({@link IdempotencyRetention}, which the unit of work asks on every keyed
 * request) and the background purge of expired ones. The purge is scheduled with a fixed delay on Spring's task
 * scheduler, so one instance never runs two at once; several instances may purge at the same time, which the purge
 * makes harmless (see {@link PurgeExpiredIdempotencyRecordsService}), so no leader is elected and no lock taken.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyRetention idempotencyRetention(Clock clock, IdempotencyProperties properties) {
        return new IdempotencyRetention(clock, properties.retention());
    }

    @Bean
    PurgeExpiredIdempotencyRecordsService purgeExpiredIdempotencyRecordsService(
            IdempotencyStorePort store, TransactionPort tx, IdempotencyRetention retention,
            IdempotencyProperties properties) {
        return new PurgeExpiredIdempotencyRecordsService(store, tx, retention, properties.purge().batchSize());
    }

    /** The schedule, unless {@code ecommerce.idempotency.purge.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "ecommerce.idempotency.purge.enabled", matchIfMissing = true)
    @EnableScheduling
    static class Schedule {

        @Bean
        IdempotencyPurgeJob idempotencyPurgeJob(PurgeExpiredIdempotencyRecordsUseCase purge,
                                                IdempotencyProperties properties) {
            return new IdempotencyPurgeJob(purge, properties.purge());
        }
    }

    /** One purge run; a failure (the database away, a deadlock victim) is logged and the next run tries again. */
    static final class IdempotencyPurgeJob implements Runnable, SchedulingConfigurer {

        private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

        private final PurgeExpiredIdempotencyRecordsUseCase purge;
        private final IdempotencyProperties.Purge settings;

        IdempotencyPurgeJob(PurgeExpiredIdempotencyRecordsUseCase purge, IdempotencyProperties.Purge settings) {
            this.purge = purge;
            this.settings = settings;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(new FixedDelayTask(this, settings.interval(), settings.interval()));
        }

        @Override
        public void run() {
            Instant start = Instant.now();
            try {
                long purged = purge.purgeExpired();
                if (purged > 0) {
                    log.info("Purged {} expired idempotency records in {} ms", purged,
                            Duration.between(start, Instant.now()).toMillis());
                }
            } catch (RuntimeException e) {
                log.warn("Purging expired idempotency records failed, next try in {}: {}", settings.interval(),
                        e.toString());
            }
        }
    }
}

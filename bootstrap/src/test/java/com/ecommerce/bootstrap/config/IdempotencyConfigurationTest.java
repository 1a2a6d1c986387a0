package com.ecommerce.bootstrap.config;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.config.IdempotencyConfiguration.IdempotencyPurgeJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idempotency settings and the purge schedule, wired as the service wires them, on fakes of the store and the
 * transactions (no database): what the properties bind to, what they refuse, and that the purge runs on its own.
 */
class IdempotencyConfigurationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    private final RecordingStore store = new RecordingStore();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(IdempotencyConfiguration.class)
            .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
            .withBean(IdempotencyStorePort.class, () -> store)
            .withBean(TransactionPort.class, () -> store.transactions);

    @Test
    void byDefaultRecordsAreKept24HoursAndPurgedEvery10MinutesInBatchesOf1000() {
        runner.run(context -> {
            IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
            assertThat(properties.retention()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.purge()).isEqualTo(new IdempotencyProperties.Purge(true, Duration.ofMinutes(10), 1000));
            assertThat(context.getBean(IdempotencyRetention.class).retention()).isEqualTo(Duration.ofHours(24));
            assertThat(context).hasSingleBean(IdempotencyPurgeJob.class);
            assertThat(scheduledTasks(context.getBean(ScheduledTaskHolder.class))).hasSize(1);
        });
    }

    @Test
    void thePropertiesBindToTheRetentionTheUnitOfWorkAndThePurgeUse() {
        runner.withPropertyValues("ecommerce.idempotency.retention=36h",
                        "ecommerce.idempotency.purge.interval=5s", "ecommerce.idempotency.purge.batch-size=250")
                .run(context -> {
                    assertThat(context.getBean(IdempotencyRetention.class).retention()).isEqualTo(Duration.ofHours(36));
                    assertThat(context.getBean(IdempotencyRetention.class).cutoff())
                            .isEqualTo(NOW.minus(Duration.ofHours(36)));
                    assertThat(context.getBean(IdempotencyProperties.class).purge())
                            .isEqualTo(new IdempotencyProperties.Purge(true, Duration.ofSeconds(5), 250));
                });
    }

    @Test
    void aRetentionThatIsNotPositiveStopsTheStartNamingTheProperty() {
        for (String retention : List.of("0s", "-1h")) {
            runner.withPropertyValues("ecommerce.idempotency.retention=" + retention).run(context ->
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("ecommerce.idempotency.retention must be positive"));
        }
    }

    @Test
    void aBadIntervalOrBatchSizeStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("ecommerce.idempotency.purge.interval=0s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ecommerce.idempotency.purge.interval must be positive"));
        for (String size : List.of("0", "10001")) {
            runner.withPropertyValues("ecommerce.idempotency.purge.batch-size=" + size).run(context ->
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("ecommerce.idempotency.purge.batch-size must be 1 to 10000"));
        }
    }

    @Test
    void switchedOffNoPurgeIsScheduledAndRecordsStillExpire() {
        runner.withPropertyValues("ecommerce.idempotency.purge.enabled=false",
                "ecommerce.idempotency.purge.interval=10ms").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(IdempotencyPurgeJob.class)
                    .doesNotHaveBean(ScheduledTaskHolder.class);
            assertThat(context).hasSingleBean(IdempotencyRetention.class);
            Thread.sleep(200);
            assertThat(store.purges).isEmpty();
        });
    }

    @Test
    void theScheduledPurgeRunsAgainAndAgainWithTheRetentionsCutoffAndSurvivesAFailure() {
        store.failNext = true;
        runner.withPropertyValues("ecommerce.idempotency.retention=2h", "ecommerce.idempotency.purge.interval=20ms",
                "ecommerce.idempotency.purge.batch-size=7").run(context -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> store.purges.size() >= 3);
            assertThat(store.purges).allSatisfy(purge -> {
                assertThat(purge.cutoff()).isEqualTo(NOW.minus(Duration.ofHours(2)));
                assertThat(purge.limit()).isEqualTo(7);
                assertThat(purge.inTransaction()).isTrue();
            });
        });
    }

    private static List<?> scheduledTasks(ScheduledTaskHolder holder) {
        return List.copyOf(holder.getScheduledTasks());
    }

    /** Records each purge batch; the first one fails when asked, as a database that went away would. */
    static final class RecordingStore implements IdempotencyStorePort {

        record Purge(Instant cutoff, int limit, boolean inTransaction) {
        }

        final List<Purge> purges = new CopyOnWriteArrayList<>();
        volatile boolean failNext;
        private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
        final TransactionPort transactions = new TransactionPort() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                inTransaction.set(true);
                try {
                    return work.get();
                } finally {
                    inTransaction.set(false);
                }
            }

            @Override
            public <T> T readOnly(Supplier<T> work) {
                return work.get();
            }

            @Override
            public <T> T withConnection(Supplier<T> work) {
                return work.get();
            }

            @Override
            public <T> T withFreeConnection(Supplier<T> work) {
                return work.get();
            }
        };

        @Override
        public int purgeExpired(Instant createdBefore, int limit) {
            purges.add(new Purge(createdBefore, limit, inTransaction.get()));
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the database went away");
            }
            return 0;
        }

        @Override
        public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
            return Optional.empty();
        }

        @Override
        public void addClaim(IdempotencyRecord claim) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateResult(String scope, long userId, String key, long result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
            throw new UnsupportedOperationException();
        }
    }
}

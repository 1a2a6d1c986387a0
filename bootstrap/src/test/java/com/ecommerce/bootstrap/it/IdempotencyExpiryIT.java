package com.ecommerce.bootstrap.it;

import com.ecommerce.application.idempotency.IdempotencyRetention;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Expiry of idempotency records in the running service, on the real database: the retention is what the property
 * says, a repeat past it is processed afresh, and the scheduled purge deletes expired records (here every 300 ms,
 * two per batch) and keeps live ones. A record is aged by moving its creation time back, as the passing of the
 * retention would.
 */
@TestPropertySource(properties = {"ecommerce.idempotency.retention=1h", "ecommerce.idempotency.purge.interval=300ms",
        "ecommerce.idempotency.purge.batch-size=2"})
class IdempotencyExpiryIT extends IntegrationTest {

    private static final String KEY = "Idempotency-Key";

    @Autowired
    private IdempotencyRetention retention;
    @Autowired
    private TransactionPort transactions;

    @Test
    void theRetentionIsTheConfiguredOne() {
        assertThat(retention.retention()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aChargeRepeatedAfterTheRetentionIsProcessedAfreshAndItsKeyRecordedAgain() {
        long userId = api.newUser("expired");
        String path = "/api/v1/users/" + userId + "/points/charge";
        Response first = api.post(path, "{\"amount\":700}", KEY, "charge-1");
        assertThat(api.post(path, "{\"amount\":700}", KEY, "charge-1").body()).isEqualTo(first.body());

        age(userId, "charge-1", Duration.ofHours(1).plusMinutes(1));
        Response afterExpiry = api.post(path, "{\"amount\":700}", KEY, "charge-1");
        Response replayed = api.post(path, "{\"amount\":700}", KEY, "charge-1");

        assertThat(afterExpiry.status()).isEqualTo(200);
        assertThat(afterExpiry.json().path("balance").asLong()).isEqualTo(1_400);
        assertThat(replayed.body()).isEqualTo(afterExpiry.body());
        assertThat(jdbc.queryForObject("select count(*) from point_history where user_id = ?", Long.class, userId))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where user_id = ?", Long.class,
                userId)).isEqualTo(1);
    }

    @Test
    void theScheduledPurgeDeletesTheExpiredRecordsBatchByBatchAndKeepsTheLiveOnes() {
        long userId = api.newUser("purged");
        String path = "/api/v1/users/" + userId + "/points/charge";
        List<String> expired = List.of("old-1", "old-2", "old-3", "old-4", "old-5");
        for (String key : expired) {
            api.post(path, "{\"amount\":1}", KEY, key);
            age(userId, key, Duration.ofHours(2));
        }
        api.post(path, "{\"amount\":1}", KEY, "live-1");
        api.post(path, "{\"amount\":1}", KEY, "live-2");
        age(userId, "live-2", Duration.ofMinutes(59));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.queryForList("select idem_key from idempotency_record where user_id = ?",
                        String.class, userId)).containsExactlyInAnyOrder("live-1", "live-2"));
        assertThat(api.get("/api/v1/users/" + userId + "/points").json().path("balance").asLong()).isEqualTo(7);
    }

    /** Moves the creation time of a key's record back by {@code age} from now, in a transaction (no auto-commit). */
    private void age(long userId, String key, Duration age) {
        LocalDateTime createdAt = LocalDateTime.ofInstant(Instant.now().minus(age), ZoneOffset.UTC);
        assertThat(transactions.inTransaction(() -> jdbc.update(
                "update idempotency_record set created_at = ? where user_id = ? and idem_key = ?",
                createdAt, userId, key))).isEqualTo(1);
    }
}

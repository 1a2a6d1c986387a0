package com.ecommerce.application.idempotency.port.out;

import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link IdempotencyStorePort}, claims and their expiry: every implementation is a subclass (see
 * {@link StoreContractTest}).
 */
public abstract class IdempotencyStoreContractTest extends StoreContractTest {

    protected IdempotencyStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void aClaimIsFoundWithItsFingerprintAndNoResult() {
        long userId = newUser("claimer");
        String key = (UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));

        claim("charge", userId, key, FINGERPRINT);

        assertThat(key).hasSize(64);
        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
    }

    @Test
    void findingTheRecordOfAnUnclaimedKeyIsEmpty() {
        long userId = newUser("claimer");

        assertThat(read(() -> idempotency.findRecord("charge", userId, newKey()))).isEmpty();
    }

    @Test
    void updateResultRecordsTheResultOfTheClaimedKey() {
        long userId = newUser("claimer");
        String key = newKey();
        claim("order", userId, key, FINGERPRINT);

        write(() -> {
            idempotency.updateResult("order", userId, key, 4_242L);
            return null;
        });

        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, FINGERPRINT, 4_242L, NOW));
    }

    @Test
    void aClaimAndItsResultInOneTransactionAreFoundTogether() {
        long userId = newUser("claimer");
        String key = newKey();

        write(() -> {
            idempotency.addClaim(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
            idempotency.updateResult("charge", userId, key, Limits.BALANCE_MAX);
            return null;
        });

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, Limits.BALANCE_MAX, NOW));
    }

    @Test
    void updatingTheResultOfAnUnclaimedKeyThrowsIllegalStateAndRecordsNothing() {
        long userId = newUser("claimer");
        String key = newKey();

        assertThatThrownBy(() -> write(() -> {
            idempotency.updateResult("charge", userId, key, 1L);
            return null;
        })).isInstanceOf(IllegalStateException.class);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key))).isEmpty();
    }

    @Test
    void claimingACommittedKeyAgainThrowsIdempotencyKeyTakenAndKeepsTheFirstRecord() {
        long userId = newUser("claimer");
        String key = newKey();
        claim("charge", userId, key, FINGERPRINT);
        write(() -> {
            idempotency.updateResult("charge", userId, key, 10L);
            return null;
        });

        assertThatThrownBy(() -> claim("charge", userId, key, OTHER_FINGERPRINT))
                .isInstanceOf(IdempotencyKeyTakenException.class)
                .hasMessageContaining(key);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, 10L, NOW));
    }

    @Test
    void keysAreScopedPerScopeAndPerUser() {
        long userId = newUser("claimer");
        long otherUserId = newUser("other claimer");
        String key = newKey();

        claim("charge", userId, key, FINGERPRINT);
        claim("order", userId, key, OTHER_FINGERPRINT);
        claim("charge", otherUserId, key, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, OTHER_FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("charge", otherUserId, key)))
                .contains(new IdempotencyRecord("charge", otherUserId, key, OTHER_FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("order", otherUserId, key))).isEmpty();
    }

    @Test
    void keysAreCaseSensitive() {
        long userId = newUser("claimer");
        String lower = "case-" + UUID.randomUUID();
        String upper = lower.toUpperCase();

        claim("charge", userId, lower, FINGERPRINT);
        claim("charge", userId, upper, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, lower)))
                .contains(new IdempotencyRecord("charge", userId, lower, FINGERPRINT, null, NOW));
        assertThat(read(() -> idempotency.findRecord("charge", userId, upper)))
                .contains(new IdempotencyRecord("charge", userId, upper, OTHER_FINGERPRINT, null, NOW));
    }

    @Test
    void aClaimRolledBackWithItsTransactionLeavesTheKeyFree() {
        long userId = newUser("claimer");
        String key = newKey();

        assertThatThrownBy(() -> write(() -> {
            idempotency.addClaim(new IdempotencyRecord("order", userId, key, FINGERPRINT, null, NOW));
            throw new WorkFailed();
        })).isInstanceOf(WorkFailed.class);
        assertThat(read(() -> idempotency.findRecord("order", userId, key))).isEmpty();

        claim("order", userId, key, OTHER_FINGERPRINT);
        assertThat(read(() -> idempotency.findRecord("order", userId, key)))
                .contains(new IdempotencyRecord("order", userId, key, OTHER_FINGERPRINT, null, NOW));
    }

    // --- expiry

    @Test
    void aRecordKeepsTheTimeItsKeyWasClaimed() {
        long userId = newUser("claimer");
        String key = newKey();
        Instant claimedAt = NOW.minus(Duration.ofDays(3));

        claimAt("charge", userId, key, FINGERPRINT, claimedAt);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, FINGERPRINT, null, claimedAt));
    }

    @Test
    void removeExpiredDeletesTheRecordOfTheKeyOnlyWhenItWasClaimedBeforeTheCutoff() {
        long userId = newUser("claimer");
        long otherUserId = newUser("other claimer");
        String expired = newKey();
        String atTheCutoff = newKey();
        Instant cutoff = NOW.minus(Duration.ofDays(1));
        claimAt("charge", userId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("order", userId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("charge", otherUserId, expired, FINGERPRINT, cutoff.minusSeconds(1));
        claimAt("charge", userId, atTheCutoff, FINGERPRINT, cutoff);

        assertThat(write(() -> idempotency.removeExpired("charge", userId, expired, cutoff))).isTrue();
        assertThat(write(() -> idempotency.removeExpired("charge", userId, atTheCutoff, cutoff))).isFalse();
        assertThat(write(() -> idempotency.removeExpired("charge", userId, newKey(), cutoff))).isFalse();

        assertThat(read(() -> idempotency.findRecord("charge", userId, expired))).isEmpty();
        assertThat(read(() -> idempotency.findRecord("order", userId, expired))).isPresent();
        assertThat(read(() -> idempotency.findRecord("charge", otherUserId, expired))).isPresent();
        assertThat(read(() -> idempotency.findRecord("charge", userId, atTheCutoff))).isPresent();
    }

    @Test
    void aRemovedExpiredKeyCanBeClaimedAgain() {
        long userId = newUser("claimer");
        String key = newKey();
        claimAt("charge", userId, key, FINGERPRINT, NOW.minus(Duration.ofDays(2)));

        write(() -> idempotency.removeExpired("charge", userId, key, NOW.minus(Duration.ofDays(1))));
        claim("charge", userId, key, OTHER_FINGERPRINT);

        assertThat(read(() -> idempotency.findRecord("charge", userId, key)))
                .contains(new IdempotencyRecord("charge", userId, key, OTHER_FINGERPRINT, null, NOW));
    }

    /**
     * The database may be shared and is never cleaned, so the records of this test lie far in the past, before
     * every other test's; other records that old can only be leftovers of an earlier run of this very test.
     */
    @Test
    void purgeExpiredDeletesInBatchesOfAtMostTheLimitUntilNoneIsLeftAndKeepsTheLiveRecords() {
        long userId = newUser("purged");
        Instant cutoff = PURGE_CUTOFF;
        List<String> expired = new ArrayList<>();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expired.add(newKey());
            claimAt("charge", userId, expired.getLast(), FINGERPRINT, cutoff.minus(Duration.ofDays(7 - i)));
        }
        for (Instant at : List.of(cutoff, cutoff.plusSeconds(1), NOW)) {
            live.add(newKey());
            claimAt("order", userId, live.getLast(), FINGERPRINT, at);
        }

        List<Integer> batches = new ArrayList<>();
        do {
            batches.add(write(() -> idempotency.purgeExpired(cutoff, 3)));
        } while (batches.getLast() == 3);

        assertThat(batches.getFirst()).isEqualTo(3);
        assertThat(batches.subList(0, batches.size() - 1)).allMatch(deleted -> deleted == 3);
        assertThat(batches.getLast()).isLessThan(3);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(expired.size());
        assertThat(expired).allSatisfy(key ->
                assertThat(read(() -> idempotency.findRecord("charge", userId, key))).isEmpty());
        assertThat(live).allSatisfy(key ->
                assertThat(read(() -> idempotency.findRecord("order", userId, key))).isPresent());
        assertThat(write(() -> idempotency.purgeExpired(cutoff, 3))).isZero();
    }

    private void claim(String scope, long userId, String key, String fingerprint) {
        claimAt(scope, userId, key, fingerprint, NOW);
    }

    private void claimAt(String scope, long userId, String key, String fingerprint, Instant createdAt) {
        write(() -> {
            idempotency.addClaim(new IdempotencyRecord(scope, userId, key, fingerprint, null, createdAt));
            return null;
        });
    }
}

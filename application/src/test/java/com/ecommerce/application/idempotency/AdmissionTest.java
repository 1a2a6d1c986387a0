package com.ecommerce.application.idempotency;

import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link Idempotency#admit} decides before any lock, and what each decision allows: a repeat is a replay that
 * claims and records nothing; a request to run has no replay, claims its key and records its result.
 */
class AdmissionTest {

    private static final String SCOPE = "test";

    private final ServiceFixture f = new ServiceFixture();

    private IdempotentRequest<Long> request(String key, String body) {
        return new IdempotentRequest<>(SCOPE, 7, new IdempotencyKey(key), body, result -> result, id -> id * 10);
    }

    /** Runs {@code request} to completion as the unit of work would: claim, then record {@code result}. */
    private void ranBefore(IdempotentRequest<Long> request, long result) {
        Admission<Long> first = f.idempotency.admit(request);
        f.store.inTransaction(() -> {
            first.claim();
            first.complete(result);
            return null;
        });
    }

    @Test
    void aRepeatWithinTheRetention_isAReplayOfTheRecord_thatClaimsAndRecordsNothing() {
        ranBefore(request("k-1", "body"), 4);

        Admission<Long> repeat = f.idempotency.admit(request("k-1", "body"));

        assertThat(repeat.isReplay()).isTrue();
        assertThat(repeat.replayed()).as("rebuilt from the recorded 4").isEqualTo(40L);
        assertThatThrownBy(repeat::claim).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> repeat.complete(5L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(repeat::requireUnanswered).isInstanceOf(IllegalStateException.class);
        assertThat(f.store.findRecord(SCOPE, 7, "k-1")).hasValueSatisfying(
                stored -> assertThat(stored.result()).isEqualTo(4L));
    }

    @Test
    void aKeyReusedWithAnotherRequest_isRefusedBeforeAnythingRuns() {
        ranBefore(request("k-2", "body"), 4);

        assertThatThrownBy(() -> f.idempotency.admit(request("k-2", "another body")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void aNewKey_isAdmittedToRun_andHasNoReplay() {
        Admission<Long> admission = f.idempotency.admit(request("k-3", "body"));

        assertThat(admission.isReplay()).isFalse();
        assertThat(admission.key()).isEqualTo("7/k-3");
        assertThatThrownBy(admission::replayed).isInstanceOf(IllegalStateException.class);
        assertThat(f.store.findRecord(SCOPE, 7, "k-3")).as("nothing claimed at admission").isEmpty();
    }

    @Test
    void aKeyTakenByARequestThatLeftNothingToReplay_failsWithTheTakenKey() {
        Admission<Long> admission = f.idempotency.admit(request("k-4", "body"));
        IdempotencyKeyTakenException taken = new IdempotencyKeyTakenException("k-4", null);

        assertThatThrownBy(() -> admission.answerTaken(taken)).isSameAs(taken);
    }

    @Test
    void aKeyTakenByARequestThatCommitted_isAnsweredWithThatRequestsResult() {
        Admission<Long> late = f.idempotency.admit(request("k-5", "body"));
        ranBefore(request("k-5", "body"), 6);

        assertThat(late.answerTaken(new IdempotencyKeyTakenException("k-5", null))).isEqualTo(60L);
    }

    @Test
    void aRefusedRequest_learnsWhetherItsKeyWasCommittedSinceItsAdmission() {
        Admission<Long> refused = f.idempotency.admit(request("k-6", "body"));
        refused.requireUnanswered();
        ranBefore(request("k-6", "body"), 8);

        assertThatThrownBy(refused::requireUnanswered).isInstanceOf(IdempotencyKeyTakenException.class);
        assertThat(refused.answerTaken(new IdempotencyKeyTakenException("k-6", null))).isEqualTo(80L);
        f.idempotency.admit(IdempotentRequest.none()).requireUnanswered(); // no key, nothing to find: no throw
    }

    @Test
    void aRequestWithoutAKey_runsAndIsNeverRecorded() {
        Admission<Long> admission = f.idempotency.admit(IdempotentRequest.none());

        assertThat(admission.isReplay()).isFalse();
        assertThat(admission.key()).isNull();
        admission.claim();
        admission.complete(1L);
        assertThat(f.store.idempotencyRecords.count()).isZero();
    }
}

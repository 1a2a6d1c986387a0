package com.ecommerce.domain.payment;

import com.ecommerce.domain.payment.Payment.Claim;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTest {

    static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(10);

    private static Payment ready() {
        return Payment.create("pay_abcdef", 7, 10_000, NOW);
    }

    @Test
    void create_isReadyWithNothingOfTheGateway() {
        Payment payment = ready();

        assertThat(payment.status()).isEqualTo(PaymentStatus.READY);
        assertThat(payment.amount()).isEqualTo(10_000);
        assertThat(payment.userId()).isEqualTo(7);
        assertThat(payment.createdAt()).isEqualTo(NOW);
        assertThat(payment.paymentKey()).isNull();
        assertThat(payment.attempt()).isZero();
        assertThat(payment.isClaimableAt(NOW)).isTrue();
        assertThat(Payment.reconstitute(payment.state()).state()).isEqualTo(payment.state());
    }

    @Test
    void create_whenAmountIsOutsideAChargesLimits_rejects() {
        assertThatThrownBy(() -> Payment.create("pay_abcdef", 7, 0, NOW)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Payment.create("pay_abcdef", 7, 1_000_001, NOW))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void create_whenIdBreaksItsFormat_rejects() {
        assertThatThrownBy(() -> Payment.create("pay_a", 7, 1, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Payment.create("pay abcdef", 7, 1, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Payment.create("p".repeat(65), 7, 1, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Payment.create("p".repeat(64), 7, 1, NOW).paymentId()).hasSize(64);
    }

    @Test
    void requireAmount_whenAnotherAmountIsConfirmed_refusesWithMismatch() {
        Payment payment = ready();

        payment.requireAmount(10_000);
        assertThatThrownBy(() -> payment.requireAmount(9_999)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.PAYMENT_AMOUNT_MISMATCH);
    }

    @Test
    void claim_takesTheFirstKeyAndHoldsThePaymentUntilTheLeaseEnds() {
        Payment payment = ready();

        Claim claim = payment.claim("key-1", NOW, LEASE);

        assertThat(claim).isEqualTo(new Claim("pay_abcdef", 1, "key-1", false));
        assertThat(payment.status()).isEqualTo(PaymentStatus.IN_PROGRESS);
        assertThat(payment.isHeldBy(claim)).isTrue();
        assertThat(payment.isClaimedAt(NOW.plus(LEASE).minusMillis(1))).isTrue();
        assertThat(payment.isClaimableAt(NOW.plus(LEASE).minusMillis(1))).isFalse();
        assertThatThrownBy(() -> payment.claim("key-2", NOW.plusSeconds(1), LEASE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(payment.isClaimedAt(NOW.plus(LEASE))).isFalse();
        assertThat(payment.isClaimableAt(NOW.plus(LEASE))).isTrue();
    }

    @Test
    void claim_afterTheLeaseEnded_takesItOverAndTheFirstHolderCanWriteNothing() {
        Payment payment = ready();
        Claim first = payment.claim("key-1", NOW, LEASE);
        payment.confirmSent(first, NOW.plusSeconds(3));

        Claim second = payment.claim("key-2", NOW.plus(LEASE), LEASE);

        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.paymentKey()).as("the key the gateway may hold").isEqualTo("key-1");
        assertThat(second.lookUpFirst()).as("a confirm was sent").isTrue();
        assertThat(payment.isHeldBy(first)).isFalse();
        assertThatThrownBy(() -> payment.approve(first, NOW, 10_000)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.confirmSent(first, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payment.decline(first, "X")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void approve_isFinalAndRemembersTheAnswer() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);

        payment.approve(claim, NOW.plusSeconds(1), 25_000);

        assertThat(payment.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(payment.approvedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(payment.balanceAfter()).isEqualTo(25_000);
        assertThat(payment.claimExpiresAt()).isNull();
        assertThat(payment.isClaimableAt(NOW.plusSeconds(100))).isFalse();
        assertThatThrownBy(() -> payment.claim("key-1", NOW.plusSeconds(100), LEASE))
                .isInstanceOf(IllegalStateException.class);
        payment.requireNotRefused();
    }

    @Test
    void decline_isFinalAndEveryRepeatIsRefusedWithThePgCode() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);

        payment.decline(claim, "REJECT_CARD_PAYMENT");

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.isClaimableAt(NOW.plusSeconds(100))).isFalse();
        assertThatThrownBy(payment::requireNotRefused).isInstanceOf(DomainException.class)
                .satisfies(e -> {
                    assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.PAYMENT_DECLINED);
                    assertThat(((DomainException) e).details()).containsEntry("pgCode", "REJECT_CARD_PAYMENT");
                });
    }

    @Test
    void cancel_isFinalAndRefusedAsTheCapItCouldNotPass() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);

        payment.cancel(claim, Payment.CAP_REACHED);

        assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELED);
        assertThat(payment.status().isFinal()).isTrue();
        assertThatThrownBy(payment::requireNotRefused).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);
    }

    @Test
    void aPaymentTheGatewayHoldsAsCancelled_isRefusedAsDeclinedWithThatReason() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);

        payment.cancel(claim, Payment.CANCELED_AT_GATEWAY);

        assertThatThrownBy(payment::requireNotRefused).isInstanceOf(DomainException.class).satisfies(e -> {
            assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.PAYMENT_DECLINED);
            assertThat(((DomainException) e).details()).containsEntry("pgCode", Payment.CANCELED_AT_GATEWAY);
        });
    }

    @Test
    void outcomeUnknown_releasesTheClaimAndTheNextOneLooksUpFirst() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);
        payment.confirmSent(claim, NOW.plusSeconds(7));

        payment.outcomeUnknown(claim, null);

        assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(payment.settlesAt()).as("kept").isEqualTo(NOW.plusSeconds(7));
        assertThat(payment.mayStillSettleAt(NOW.plusSeconds(6))).isTrue();
        assertThat(payment.mayStillSettleAt(NOW.plusSeconds(7))).isFalse();
        assertThat(payment.isClaimableAt(NOW.plusSeconds(1))).isTrue();
        assertThat(payment.claim("key-1", NOW.plusSeconds(1), LEASE).lookUpFirst()).isTrue();
    }

    @Test
    void outcomeUnknown_afterAnAnsweredError_mayBeConfirmedAgainAtOnce() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW, LEASE);
        payment.confirmSent(claim, NOW.plusSeconds(7));

        payment.outcomeUnknown(claim, NOW.plusSeconds(1));

        assertThat(payment.mayStillSettleAt(NOW.plusSeconds(1))).isFalse();
    }

    @Test
    void aFreshClaim_neverSentAConfirm_confirmsWithoutLookingUp() {
        Payment payment = ready();

        assertThat(payment.mayStillSettleAt(NOW)).isFalse();
        assertThat(payment.claim("key-1", NOW, LEASE).lookUpFirst()).isFalse();
    }

    @Test
    void theBoundsOfAClaimAndAConfirm_areWholeSecondsRoundedUp() {
        Payment payment = ready();
        Claim claim = payment.claim("key-1", NOW.plusMillis(1), LEASE);
        assertThat(payment.claimExpiresAt()).isEqualTo(NOW.plus(LEASE).plusSeconds(1));

        payment.confirmSent(claim, NOW.plusMillis(2_001));
        assertThat(payment.settlesAt()).isEqualTo(NOW.plusSeconds(3));
        payment.outcomeUnknown(claim, NOW.plusMillis(4_500));
        assertThat(payment.settlesAt()).as("an answered error ended the confirm").isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void statuses_allowOnlyTheirMoves() {
        assertThat(PaymentStatus.READY.next()).containsExactly(PaymentStatus.IN_PROGRESS);
        assertThat(PaymentStatus.UNKNOWN.next()).containsExactly(PaymentStatus.IN_PROGRESS);
        assertThat(PaymentStatus.IN_PROGRESS.next()).containsExactlyInAnyOrder(PaymentStatus.IN_PROGRESS,
                PaymentStatus.DONE, PaymentStatus.DECLINED, PaymentStatus.UNKNOWN, PaymentStatus.CANCELED);
        for (PaymentStatus last : new PaymentStatus[]{PaymentStatus.DONE, PaymentStatus.DECLINED,
                PaymentStatus.CANCELED}) {
            assertThat(last.isFinal()).isTrue();
            assertThat(last.mayMoveTo(PaymentStatus.IN_PROGRESS)).isFalse();
        }
        assertThat(PaymentStatus.READY.mayMoveTo(PaymentStatus.DONE)).isFalse();
        assertThat(PaymentStatus.UNKNOWN.isFinal()).isFalse();
    }
}

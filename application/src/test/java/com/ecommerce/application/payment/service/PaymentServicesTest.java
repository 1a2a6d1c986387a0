package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.application.payment.port.out.GatewayTimings;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.AlreadyProcessed;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Approved;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.NoApproval;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Refused;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Unknown;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.PaymentStatus;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.Actor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentServicesTest {

    static final long AMOUNT = 10_000;
    static final GatewayTimings TIMINGS = new GatewayTimings(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final ServiceFixture f = new ServiceFixture();
    /** Every call to the gateway checks that no lock and no transaction is held around it. */
    private final ScriptedGateway gateway = new ScriptedGateway(() -> f.lock.held || f.store.openTransactions > 0);
    private final PaymentSettlement settlement = new PaymentSettlement(f.store, f.store, gateway, f.unitOfWork,
            TIMINGS, f.clock);
    private final CreatePaymentService create = new CreatePaymentService(f.store, f.store, f.store, f.clock);
    private final ConfirmPaymentService confirm = new ConfirmPaymentService(f.store, f.store, settlement,
            ServiceFixture.WAIT, f.clock);
    private final GetPaymentService get = new GetPaymentService(f.store, f.store);
    private final ReconcilePaymentsService reconcile = new ReconcilePaymentsService(f.store, f.store, settlement,
            f.clock);

    private final long user = f.userWithBalance(0);
    private final Actor buyer = Actor.user(user);

    private String payment() {
        return create.create(buyer, new CreatePaymentCommand(user, AMOUNT)).paymentId();
    }

    private PaymentView confirm(String paymentId) {
        return confirm.confirm(buyer, new ConfirmPaymentCommand(user, paymentId, "pk_1", AMOUNT));
    }

    private static DomainException refusal(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    private List<PointHistory> credits() {
        return f.getHistory.getHistory(ADMIN, user, new com.ecommerce.application.paging.PageQuery(0, 100)).content()
                .stream().filter(h -> h.type() == PointTransactionType.CHARGE).toList();
    }

    @Test
    void create_isAReadyPaymentWithAnIdTheGatewayTakesAsOrderId() {
        PaymentView created = create.create(buyer, new CreatePaymentCommand(user, AMOUNT));

        assertThat(created.status()).isEqualTo(PaymentStatus.READY);
        assertThat(created.paymentId()).matches(Payment.ID_FORMAT).startsWith("pay_");
        assertThat(created.amount()).isEqualTo(AMOUNT);
        assertThat(created.createdAt()).isEqualTo(ServiceFixture.NOW_STORED);
        assertThat(get.get(buyer, user, created.paymentId())).isEqualTo(created);
        assertThat(payment()).isNotEqualTo(created.paymentId());
    }

    @Test
    void create_isRefusedForAnotherUserAnUnknownUserAndPastTheCap() {
        assertThat(refusal(() -> create.create(Actor.user(user + 1), new CreatePaymentCommand(user, AMOUNT))).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> create.create(ADMIN, new CreatePaymentCommand(user + 99, AMOUNT))).code())
                .isEqualTo(ErrorCode.USER_NOT_FOUND);
        long rich = f.userWithBalance(Limits.BALANCE_MAX - AMOUNT + 1);
        assertThat(refusal(() -> create.create(ADMIN, new CreatePaymentCommand(rich, AMOUNT))).code())
                .isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);
        assertThat(create.create(ADMIN, new CreatePaymentCommand(rich, AMOUNT - 1)).status())
                .isEqualTo(PaymentStatus.READY);
    }

    @Test
    void confirm_creditsTheApprovalOnceWithAChargeEntryNamingThePayment_andRepeatsAnswerTheSame() {
        String paymentId = payment();

        PaymentView done = confirm(paymentId);
        PaymentView repeat = confirm(paymentId);

        assertThat(done.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(done.balance()).isEqualTo(AMOUNT);
        assertThat(done.approvedAt()).isEqualTo(ScriptedGateway.APPROVED_AT);
        assertThat(repeat).isEqualTo(done);
        assertThat(gateway.calls()).containsExactly("CONFIRM");
        assertThat(f.balance(user)).isEqualTo(AMOUNT);
        assertThat(credits()).singleElement().satisfies(entry -> {
            assertThat(entry.paymentId()).isEqualTo(paymentId);
            assertThat(entry.amount().value()).isEqualTo(AMOUNT);
        });
        assertThat(f.lock.acquisitions).allMatch(keys -> keys.equals(List.of(LockKey.point(user))));
    }

    @Test
    void refusedConfirms_neverReachTheGateway() {
        String paymentId = payment();
        long other = f.userWithBalance(0);

        assertThat(refusal(() -> confirm.confirm(Actor.user(other), new ConfirmPaymentCommand(user, paymentId,
                "pk_1", AMOUNT))).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> confirm.confirm(Actor.user(other), new ConfirmPaymentCommand(other, paymentId,
                "pk_1", AMOUNT))).code()).as("another user's payment").isEqualTo(ErrorCode.PAYMENT_NOT_FOUND);
        assertThat(refusal(() -> confirm("pay_unknown")).code()).isEqualTo(ErrorCode.PAYMENT_NOT_FOUND);
        assertThat(refusal(() -> confirm.confirm(buyer, new ConfirmPaymentCommand(user, paymentId, "pk_1",
                AMOUNT + 1))).code()).isEqualTo(ErrorCode.PAYMENT_AMOUNT_MISMATCH);

        assertThat(gateway.calls()).isEmpty();
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.READY);
    }

    @Test
    void aDecline_isFinalAndEveryRepeatAnswersItWithoutTheGateway() {
        String paymentId = payment();
        gateway.confirmAnswers(new Refused("REJECT_CARD_PAYMENT", "no"));

        DomainException first = refusal(() -> confirm(paymentId));
        DomainException repeat = refusal(() -> confirm(paymentId));

        for (DomainException e : List.of(first, repeat)) {
            assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_DECLINED);
            assertThat(e.details()).containsEntry("pgCode", "REJECT_CARD_PAYMENT");
        }
        assertThat(gateway.calls()).containsExactly("CONFIRM");
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(f.balance(user)).isZero();
    }

    @Test
    void anAnswerThatNeverCame_isLookedUpAndNotConfirmedAgainUntilTheConfirmCanNoLongerBeApproved() {
        String paymentId = payment();
        gateway.confirmAnswers(new Unknown("read timeout", true));

        DomainException unknown = refusal(() -> confirm(paymentId));
        assertThat(unknown.code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        assertThat((long) unknown.details().get("retryAfterSeconds")).isBetween(1L, 5L);
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.UNKNOWN);

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(refusal(() -> confirm(paymentId)).code()).as("the first confirm may still be approved")
                .isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP");

        f.clock.advance(TIMINGS.settleWindow());
        PaymentView done = confirm(paymentId);

        assertThat(done.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP", "LOOKUP", "CONFIRM");
        assertThat(f.balance(user)).isEqualTo(AMOUNT);
    }

    @Test
    void aLateApproval_isFoundByTheLookUpAndCreditedWithoutASecondConfirm() {
        String paymentId = payment();
        gateway.confirmAnswers(new Unknown("read timeout", true))
                .lookUpAnswers(new Approved("pk_1", AMOUNT, ScriptedGateway.APPROVED_AT));

        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        PaymentView done = confirm(paymentId);

        assertThat(done.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP");
        assertThat(credits()).hasSize(1);
    }

    @Test
    void aGatewayError_isLookedUpThenConfirmedAgainAtOnce() {
        String paymentId = payment();
        gateway.confirmAnswers(new Unknown("500", false));

        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        PaymentView done = confirm(paymentId);

        assertThat(done.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP", "CONFIRM");
    }

    @Test
    void aLookUpsOwnError_doesNotShortenTheWaitForAnEarlierConfirm() {
        String paymentId = payment();
        gateway.confirmAnswers(new Unknown("read timeout", true)).lookUpAnswers(new Unknown("500", false));

        refusal(() -> confirm(paymentId));
        refusal(() -> confirm(paymentId));
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);

        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP", "LOOKUP");
    }

    @Test
    void alreadyProcessed_isLookedUpAndCredited() {
        String paymentId = payment();
        gateway.confirmAnswers(new AlreadyProcessed())
                .lookUpAnswers(new Approved("pk_1", AMOUNT, ScriptedGateway.APPROVED_AT));

        assertThat(confirm(paymentId).status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP");
    }

    @Test
    void anApprovalPastTheCap_isCancelledAtTheGatewayAndSaysSo() {
        String paymentId = paymentPastTheCap();
        long before = f.balance(user);

        DomainException refused = refusal(() -> confirm(paymentId));
        DomainException repeat = refusal(() -> confirm(paymentId));

        assertThat(refused.code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);
        assertThat(refused.getMessage()).contains("cancelled");
        assertThat(repeat.code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "CANCEL");
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.CANCELED);
        assertThat(f.balance(user)).isEqualTo(before);
    }

    private String paymentPastTheCap() {
        String paymentId = payment();
        for (long left = Limits.BALANCE_MAX - AMOUNT + 1; left > 0; left -= Limits.CHARGE_MAX) {
            f.chargePoint.charge(ADMIN, new ChargePointCommand(user, Math.min(left, Limits.CHARGE_MAX), null));
        }
        return paymentId;
    }

    @Test
    void aCancelTheGatewayHadAlreadyDone_endsTheCancelledPaymentAsWell() {
        String paymentId = paymentPastTheCap();
        gateway.cancelAnswers(new Refused("ALREADY_CANCELED_PAYMENT", "already"));

        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.CANCELED);
    }

    @Test
    void aCancelWithoutAnAnswer_isTriedAgainByTheNextClaim() {
        String paymentId = paymentPastTheCap();
        gateway.cancelAnswers(new Unknown("read timeout", true), new Refused("SOMETHING_ELSE", "no"));

        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(refusal(() -> confirm(paymentId)).code()).as("a refusal of the cancel is no outcome either")
                .isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        assertThat(refusal(() -> confirm(paymentId)).code()).isEqualTo(ErrorCode.POINT_LIMIT_EXCEEDED);

        assertThat(gateway.calls()).containsExactly("CONFIRM", "CANCEL", "LOOKUP", "CANCEL", "LOOKUP", "CANCEL");
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.CANCELED);
        assertThat(credits()).as("only the charges that filled the balance").noneMatch(c -> c.paymentId() != null);
    }

    @Test
    void aPaymentTheGatewayHoldsAsCancelled_isDeclinedWithThatReason() {
        String paymentId = payment();
        gateway.confirmAnswers(new Unknown("500", false))
                .lookUpAnswers(new com.ecommerce.application.payment.port.out.PaymentGatewayPort.Canceled());

        refusal(() -> confirm(paymentId));
        DomainException declined = refusal(() -> confirm(paymentId));

        assertThat(declined.code()).isEqualTo(ErrorCode.PAYMENT_DECLINED);
        assertThat(declined.details()).containsEntry("pgCode", Payment.CANCELED_AT_GATEWAY);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP");
        assertThat(f.balance(user)).isZero();
    }

    @Test
    void get_isTheBuyersOrAnAdministratorsOnly() {
        String paymentId = payment();

        assertThat(get.get(ADMIN, user, paymentId).paymentId()).isEqualTo(paymentId);
        assertThat(refusal(() -> get.get(Actor.user(user + 1), user, paymentId)).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void gatewayTimings_areRefusedUnlessPositive_andBoundTheConfirmAndTheClaim() {
        GatewayTimings timings = new GatewayTimings(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(timings.call()).isEqualTo(Duration.ofSeconds(6));
        assertThat(timings.settleWindow()).isEqualTo(Duration.ofSeconds(7));
        assertThat(timings.claimLease()).isEqualTo(Duration.ofSeconds(13));
        for (Duration bad : new Duration[]{Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThatThrownBy(() -> new GatewayTimings(bad, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new GatewayTimings(Duration.ofSeconds(1), bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aConfirmCommand_needsAKeyOfAtMostTwoHundredCharacters() {
        assertThat(new ConfirmPaymentCommand(user, "pay_abcdef", "k".repeat(200), 1).paymentKey()).hasSize(200);
        for (String bad : new String[]{"", "  ", "k".repeat(201)}) {
            assertThatThrownBy(() -> new ConfirmPaymentCommand(user, "pay_abcdef", bad, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRepeatWhileAnotherHoldsThePayment_waitsAndThenSaysTheOutcomeIsNotKnownYet() {
        // short timeouts, so the wait is the lock wait's (longer than the gateway's) and the test stays quick
        GatewayTimings quick = new GatewayTimings(Duration.ofMillis(1), Duration.ofMillis(1));
        PaymentSettlement quickSettlement = new PaymentSettlement(f.store, f.store, gateway, f.unitOfWork, quick,
                f.clock);
        ConfirmPaymentService patient = new ConfirmPaymentService(f.store, f.store, quickSettlement,
                quick.settleWindow().plusMillis(200), f.clock);
        String paymentId = payment();
        quickSettlement.claim(paymentId, user, "pk_1").orElseThrow();

        long started = System.nanoTime();
        DomainException waited = refusal(() -> patient.confirm(buyer,
                new ConfirmPaymentCommand(user, paymentId, "pk_1", AMOUNT)));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(waited.code()).isEqualTo(ErrorCode.PAYMENT_OUTCOME_UNKNOWN);
        assertThat(waitedMs).as("the lock wait, here longer than the gateway's timeouts")
                .isGreaterThanOrEqualTo(quick.settleWindow().plusMillis(200).toMillis());
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void aRepeat_waitsAtLeastTheTimeTheHoldersConfirmMayTake() {
        GatewayTimings quick = new GatewayTimings(Duration.ofMillis(1), Duration.ofMillis(1));
        PaymentSettlement quickSettlement = new PaymentSettlement(f.store, f.store, gateway, f.unitOfWork, quick,
                f.clock);
        ConfirmPaymentService hurried = new ConfirmPaymentService(f.store, f.store, quickSettlement,
                Duration.ofMillis(10), f.clock);
        String paymentId = payment();
        quickSettlement.claim(paymentId, user, "pk_1").orElseThrow();

        long started = System.nanoTime();
        refusal(() -> hurried.confirm(buyer, new ConfirmPaymentCommand(user, paymentId, "pk_1", AMOUNT)));

        assertThat((System.nanoTime() - started) / 1_000_000).as("the gateway's timeouts, longer than the lock wait")
                .isGreaterThanOrEqualTo(quick.settleWindow().toMillis());
    }

    @Test
    void aClaimWhoseHolderDied_isTakenOverOnceItsLeaseEnds_andItsHolderCanWriteNothing() {
        String paymentId = payment();
        Payment.Claim dead = settlement.claim(paymentId, user, "pk_1").orElseThrow();
        f.clock.advance(TIMINGS.claimLease().plusSeconds(1));

        PaymentView done = confirm(paymentId);
        Payment afterTheDeadOne = settlement.settle(dead, user, AMOUNT);

        assertThat(done.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).as("the dead holder sent nothing; the new one confirms; the dead one's late "
                + "talk is refused before its confirm").containsExactly("CONFIRM");
        assertThat(afterTheDeadOne.status()).isEqualTo(PaymentStatus.DONE);
        assertThat(credits()).hasSize(1);
    }

    @Test
    void aClaimWhoseHolderDiedAfterSendingTheConfirm_isLookedUpFirst() throws InterruptedException {
        String paymentId = payment();
        gateway.holdConfirm();
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                confirm(paymentId);
            } catch (RuntimeException answeredWhateverTheReconcilerLeft) {
                // the late holder's own answer is not what this test is about
            }
        });
        try {
            gateway.awaitConfirmEntered();
            f.clock.advance(TIMINGS.claimLease().plusSeconds(1));
            gateway.lookUpAnswers(new Approved("pk_1", AMOUNT, ScriptedGateway.APPROVED_AT));

            assertThat(reconcile.reconcile()).isEqualTo(1);
        } finally {
            gateway.confirmAnswers(new Unknown("read timeout", true));
            gateway.releaseConfirm();
        }
        assertThat(get.get(buyer, user, paymentId).status()).isEqualTo(PaymentStatus.DONE);
        assertThat(gateway.calls()).containsExactly("CONFIRM", "LOOKUP");
        assertThat(credits()).hasSize(1);
        try {
            holder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void reconcile_leavesALiveClaimAlone_andSettlesWhatATalkLeftOpen() {
        String held = payment();
        settlement.claim(held, user, "pk_1").orElseThrow();
        String unknown = payment();
        gateway.confirmAnswers(new Unknown("500", false));
        refusal(() -> confirm(unknown));

        assertThat(reconcile.reconcile()).as("the unknown one: looked up, not approved, confirmed, approved")
                .isEqualTo(1);
        assertThat(get.get(buyer, user, unknown).status()).isEqualTo(PaymentStatus.DONE);
        assertThat(get.get(buyer, user, held).status()).isEqualTo(PaymentStatus.IN_PROGRESS);

        f.clock.advance(TIMINGS.claimLease().plusSeconds(1));
        assertThat(reconcile.reconcile()).isEqualTo(1);
        assertThat(get.get(buyer, user, held).status()).isEqualTo(PaymentStatus.DONE);
        assertThat(f.balance(user)).isEqualTo(2 * AMOUNT);
        assertThat(reconcile.reconcile()).isZero();
    }

    @Test
    void paymentsDisabled_sayWhyAfterTheCallersRights() {
        PaymentsDisabledService off = new PaymentsDisabledService();

        assertThat(refusal(() -> off.create(Actor.user(user + 1), new CreatePaymentCommand(user, AMOUNT))).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> off.create(buyer, new CreatePaymentCommand(user, AMOUNT))).code())
                .isEqualTo(ErrorCode.PAYMENTS_DISABLED);
        assertThat(refusal(() -> off.confirm(buyer, new ConfirmPaymentCommand(user, "pay_abcdef", "k", 1))).code())
                .isEqualTo(ErrorCode.PAYMENTS_DISABLED);
        assertThat(refusal(() -> off.get(buyer, user, "pay_abcdef")).code()).isEqualTo(ErrorCode.PAYMENTS_DISABLED);
    }
}

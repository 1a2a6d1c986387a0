package com.ecommerce.application.payment.port.out;

import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.PaymentStatus;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link PaymentStorePort}: every implementation is a subclass (see {@link StoreContractTest}).
 *
 * <p>{@code findUnsettled} reads every user's payments, and the database of a subclass may be shared and is never
 * cleaned: its tests look at their own payments within a round large enough for all, settle them before they end so
 * that rounds stay small, and check the order and the limit on the whole round, whatever else it holds.
 *
 * <p>Its instants are whole seconds, as {@link StoreContractTest} says: on MariaDB, mysql-connector-j takes the
 * server for a MySQL 5.5 (MariaDB 10 announces itself as {@code 5.5.5-10...}) and drops the fraction of every
 * instant it sends, so a deadline with one would come back up to a second earlier.
 */
public abstract class PaymentStoreContractTest extends StoreContractTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Larger than every payment left open at once, so that a round holds all of a test's own. */
    private static final int WHOLE_ROUND = 1_000;
    /** Before the payments of the other tests ({@link #NOW}): what a round puts first in a database of its own. */
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(3650));

    protected PaymentStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void anAddedPaymentIsFoundWithEveryValue() {
        long userId = newUser("buyer");
        Payment.State everyValueSet = new Payment.State(newPaymentId(), userId, 10_000, PaymentStatus.IN_PROGRESS,
                "tgen_20261125101530abcd", 3, NOW.plus(LEASE), NOW.plus(Duration.ofMinutes(5)), "REJECT_CARD_COMPANY",
                NOW.plusSeconds(1), 50_000L, NOW.minusSeconds(60), 7);
        Payment created = Payment.create(newPaymentId(), userId, 1, NOW);

        add(Payment.reconstitute(everyValueSet));
        add(created);

        assertThat(read(() -> payments.findPayment(everyValueSet.paymentId()))).map(Payment::state)
                .contains(everyValueSet);
        assertThat(read(() -> payments.findPayment(created.paymentId()))).map(Payment::state)
                .contains(new Payment.State(created.paymentId(), userId, 1, PaymentStatus.READY, null, 0, null, null,
                        null, null, null, NOW, 0));
    }

    @Test
    void theInstantsOfAPaymentRoundTrip() {
        long userId = newUser("buyer");
        for (Instant at : AWKWARD_INSTANTS) {
            Payment.State state = new Payment.State(newPaymentId(), userId, 100, PaymentStatus.DONE, "key", 1, at,
                    at, null, at, 100L, at, 0);
            add(Payment.reconstitute(state));

            assertThat(read(() -> payments.findPayment(state.paymentId()))).map(Payment::state).contains(state);
        }
    }

    @Test
    void findingAPaymentThatWasNeverAddedIsEmpty() {
        assertThat(read(() -> payments.findPayment(newPaymentId()))).isEmpty();
    }

    @Test
    void paymentIdsDifferingOnlyInCaseAreTwoPayments() {
        long userId = newUser("buyer");
        String upper = "PAY_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String lower = upper.toLowerCase();

        add(Payment.create(upper, userId, 100, NOW));
        assertThat(read(() -> payments.findPayment(lower))).isEmpty();
        add(Payment.create(lower, userId, 200, NOW));

        assertThat(read(() -> payments.findPayment(upper))).map(Payment::amount).contains(100L);
        assertThat(read(() -> payments.findPayment(lower))).map(Payment::amount).contains(200L);
    }

    @Test
    void addingAPaymentWhoseIdIsTakenThrowsAndLeavesTheFirstAsItWas() {
        long userId = newUser("buyer");
        Payment first = Payment.create(newPaymentId(), userId, 100, NOW);
        add(first);

        assertThatThrownBy(() -> add(Payment.create(first.paymentId(), userId, 999, NOW.plusSeconds(1))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(read(() -> payments.findPayment(first.paymentId()))).map(Payment::state).contains(first.state());
    }

    @Test
    void updatePaymentWritesWhatChangedAndBumpsTheVersionEachTime() {
        long userId = newUser("buyer");
        Payment payment = Payment.create(newPaymentId(), userId, 10_000, NOW);
        add(payment);

        Payment.Claim claim = payment.claim("tgen_key", NOW, LEASE);
        update(payment);
        Payment claimed = found(payment.paymentId());
        assertThat(claimed.state()).isEqualTo(new Payment.State(payment.paymentId(), userId, 10_000,
                PaymentStatus.IN_PROGRESS, "tgen_key", 1, NOW.plus(LEASE), null, null, null, null, NOW, 1));

        claimed.approve(claim, NOW.plusSeconds(2), 10_000);
        update(claimed);
        assertThat(found(payment.paymentId()).state()).isEqualTo(new Payment.State(payment.paymentId(), userId,
                10_000, PaymentStatus.DONE, "tgen_key", 1, null, null, null, NOW.plusSeconds(2), 10_000L, NOW, 2));
    }

    @Test
    void aPaymentReadAgainInTheTransactionThatUpdatedItShowsTheUpdate() {
        long userId = newUser("buyer");
        Payment payment = Payment.create(newPaymentId(), userId, 10_000, NOW);
        add(payment);

        Payment reread = write(() -> {
            Payment loaded = payments.findPayment(payment.paymentId()).orElseThrow();
            loaded.claim("tgen_key", NOW, LEASE);
            payments.updatePayment(loaded);
            return payments.findPayment(payment.paymentId()).orElseThrow();
        });

        assertThat(reread.status()).isEqualTo(PaymentStatus.IN_PROGRESS);
        assertThat(reread.attempt()).isEqualTo(1);
        assertThat(reread.version()).isEqualTo(1);
    }

    @Test
    void updatePaymentWithAStaleVersionThrowsConcurrentUpdateAndLeavesThePaymentUnchanged() {
        long userId = newUser("buyer");
        Payment payment = Payment.create(newPaymentId(), userId, 10_000, NOW);
        add(payment);
        Payment first = found(payment.paymentId());
        Payment second = found(payment.paymentId());
        first.claim("first key", NOW, LEASE);
        update(first);

        second.claim("second key", NOW.plusSeconds(1), LEASE);
        assertThatThrownBy(() -> update(second)).isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining(payment.paymentId());

        Payment stored = found(payment.paymentId());
        assertThat(stored.paymentKey()).isEqualTo("first key");
        assertThat(stored.claimExpiresAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void updatePaymentOfAPaymentThatWasNeverAddedThrowsConcurrentUpdateAndAddsNone() {
        long userId = newUser("buyer");
        Payment never = Payment.create(newPaymentId(), userId, 100, NOW);

        assertThatThrownBy(() -> update(never)).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> payments.findPayment(never.paymentId()))).isEmpty();
    }

    // --- the reconciler's round

    @Test
    void findUnsettledFindsUnknownPaymentsAndExpiredClaimsOnly() {
        long userId = newUser("buyer");
        Instant now = NOW.plus(Duration.ofHours(1));
        Payment unknown = stored(userId, PaymentStatus.UNKNOWN, null, LONG_AGO);
        Payment expired = stored(userId, PaymentStatus.IN_PROGRESS, now.minusSeconds(1), LONG_AGO);
        Payment expiringNow = stored(userId, PaymentStatus.IN_PROGRESS, now, LONG_AGO);
        Payment live = stored(userId, PaymentStatus.IN_PROGRESS, now.plusSeconds(1), LONG_AGO);
        Payment ready = stored(userId, PaymentStatus.READY, null, LONG_AGO);
        Payment done = stored(userId, PaymentStatus.DONE, null, LONG_AGO);
        Payment declined = stored(userId, PaymentStatus.DECLINED, null, LONG_AGO);
        Payment canceled = stored(userId, PaymentStatus.CANCELED, null, LONG_AGO);
        List<Payment> own = List.of(unknown, expired, expiringNow, live, ready, done, declined, canceled);
        try {
            assertThat(ownIn(read(() -> payments.findUnsettled(now, WHOLE_ROUND)), own))
                    .containsExactlyInAnyOrder(unknown.paymentId(), expired.paymentId(), expiringNow.paymentId());
            assertThat(ownIn(read(() -> payments.findUnsettled(now.plusSeconds(1), WHOLE_ROUND)), own))
                    .containsExactlyInAnyOrder(unknown.paymentId(), expired.paymentId(), expiringNow.paymentId(),
                            live.paymentId());
        } finally {
            settle(own);
        }
    }

    @Test
    void findUnsettledAnswersTheOldestFirstWithEveryValueUpToTheLimit() {
        long userId = newUser("buyer");
        Instant now = NOW.plus(Duration.ofHours(1));
        Payment newest = stored(userId, PaymentStatus.UNKNOWN, null, LONG_AGO.plusSeconds(3));
        Payment middle = stored(userId, PaymentStatus.IN_PROGRESS, now.minusSeconds(1), LONG_AGO.plusSeconds(2));
        Payment tiedA = stored(userId, PaymentStatus.UNKNOWN, null, LONG_AGO.plusSeconds(1));
        Payment tiedB = stored(userId, PaymentStatus.IN_PROGRESS, now.minusSeconds(1), LONG_AGO.plusSeconds(1));
        List<Payment> own = List.of(newest, middle, tiedA, tiedB);
        List<String> oldestFirst = new ArrayList<>(List.of(tiedA.paymentId(), tiedB.paymentId()));
        oldestFirst.sort(Comparator.naturalOrder());
        oldestFirst.addAll(List.of(middle.paymentId(), newest.paymentId()));
        try {
            List<Payment> round = read(() -> payments.findUnsettled(now, WHOLE_ROUND));
            assertThat(ownIn(round, own)).containsExactlyElementsOf(oldestFirst);
            assertThat(round).isSortedAccordingTo(
                    Comparator.comparing(Payment::createdAt).thenComparing(Payment::paymentId));
            assertThat(round).filteredOn(p -> p.paymentId().equals(middle.paymentId())).map(Payment::state)
                    .containsExactly(middle.state());

            List<Payment> limited = read(() -> payments.findUnsettled(now, 2));
            assertThat(limited).map(Payment::paymentId)
                    .containsExactlyElementsOf(round.subList(0, 2).stream().map(Payment::paymentId).toList());
        } finally {
            settle(own);
        }
    }

    private static String newPaymentId() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A payment as a talk with the gateway left it, stored directly. */
    private Payment stored(long userId, PaymentStatus status, Instant claimExpiresAt, Instant createdAt) {
        Payment payment = Payment.reconstitute(new Payment.State(newPaymentId(), userId, 1_000, status,
                status == PaymentStatus.READY ? null : "tgen_key", status == PaymentStatus.READY ? 0 : 1,
                claimExpiresAt, null, null, null, null, createdAt, 0));
        add(payment);
        return payment;
    }

    /** Leaves none of {@code own} in a later round: the database may be shared and is never cleaned. */
    private void settle(List<Payment> own) {
        for (Payment payment : own) {
            Payment.State s = found(payment.paymentId()).state();
            if (s.status() == PaymentStatus.UNKNOWN || s.status() == PaymentStatus.IN_PROGRESS) {
                update(Payment.reconstitute(new Payment.State(s.paymentId(), s.userId(), s.amount(),
                        PaymentStatus.CANCELED, s.paymentKey(), s.attempt(), null, s.settlesAt(), "TEST_SETTLED",
                        s.approvedAt(), s.balanceAfter(), s.createdAt(), s.version())));
            }
        }
    }

    private static List<String> ownIn(List<Payment> round, List<Payment> own) {
        Set<String> ids = Set.copyOf(own.stream().map(Payment::paymentId).toList());
        return round.stream().map(Payment::paymentId).filter(ids::contains).toList();
    }

    private void add(Payment payment) {
        write(() -> {
            payments.addPayment(payment);
            return null;
        });
    }

    private void update(Payment payment) {
        write(() -> {
            payments.updatePayment(payment);
            return null;
        });
    }

    private Payment found(String paymentId) {
        return read(() -> payments.findPayment(paymentId)).orElseThrow();
    }
}

package com.ecommerce.application.payment.service;

import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.ConfirmPaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.application.payment.port.out.GatewayTimings;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.Payment.Claim;
import com.ecommerce.domain.payment.PaymentStatus;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The buyer's confirm: the payment is read; a final one is answered as it ended; a free one is claimed and talked
 * through with the gateway ({@link PaymentSettlement}); one claimed by another request (a double click, a retry on
 * another instance) is waited for, within the lock wait or the gateway's timeouts, whichever is longer, and
 * answered as it ends. So every repeat answers what the
 * first answered, and the gateway hears one confirm.
 */
public class ConfirmPaymentService implements ConfirmPaymentUseCase {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

    private final PaymentStorePort payments;
    private final TransactionPort transactions;
    private final PaymentSettlement settlement;
    private final GatewayTimings timings;
    private final Duration wait;
    private final Clock clock;

    /** @param wait the lock wait ({@code ecommerce.lock.wait-timeout}), the least a repeat waits for the holder */
    public ConfirmPaymentService(PaymentStorePort payments, TransactionPort transactions, PaymentSettlement settlement,
                                 Duration wait, Clock clock) {
        this.payments = payments;
        this.transactions = transactions;
        this.settlement = settlement;
        this.timings = settlement.timings();
        this.wait = wait;
        this.clock = clock;
    }

    @Override
    public PaymentView confirm(Actor actor, ConfirmPaymentCommand command) {
        long userId = command.userId();
        actor.requireActsFor(userId);
        Deadline deadline = Deadline.after(patience());
        Duration pause = FIRST_PAUSE;
        while (true) {
            Payment payment = Payments.ofUser(payments, transactions, userId, command.paymentId());
            payment.requireAmount(command.amount());
            Optional<Payment> ended = switch (payment.status()) {
                case DONE, DECLINED, CANCELED -> Optional.of(payment);
                case READY, UNKNOWN, IN_PROGRESS -> claimAndSettle(payment, command);
            };
            if (ended.isPresent()) {
                return answer(ended.get());
            }
            if (deadline.hasPassed()) {
                throw outcomeUnknown(command.paymentId(), "is still being confirmed by another request",
                        timings.call());
            }
            sleep(pause, deadline);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /**
     * How long a repeat waits for the request that holds the payment: the lock wait, or the time the holder's
     * confirm may take at the gateway (its timeouts and a second), whichever is longer. A double click during a slow
     * but healthy confirm then gets the first request's answer instead of a {@code 503}.
     */
    private Duration patience() {
        return wait.compareTo(timings.settleWindow()) > 0 ? wait : timings.settleWindow();
    }

    /** The payment as its talk left it; empty when another request holds it (or took it over meanwhile). */
    private Optional<Payment> claimAndSettle(Payment payment, ConfirmPaymentCommand command) {
        if (!payment.isClaimableAt(clock.instant())) {
            return Optional.empty();
        }
        Optional<Claim> claim = settlement.claim(payment.paymentId(), payment.userId(), command.paymentKey());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        Payment settled = settlement.settle(claim.get(), payment.userId(), payment.amount());
        return settled.status() == PaymentStatus.IN_PROGRESS
                ? Optional.empty() : Optional.of(settled);
    }

    private PaymentView answer(Payment payment) {
        payment.requireNotRefused();
        if (payment.status() == PaymentStatus.UNKNOWN) {
            Instant now = clock.instant();
            Duration retryAfter = payment.mayStillSettleAt(now)
                    ? Duration.between(now, payment.settlesAt()) : Duration.ofSeconds(1);
            throw outcomeUnknown(payment.paymentId(), "did not get an answer from the payment gateway in time",
                    retryAfter);
        }
        return PaymentView.of(payment);
    }

    static DomainException outcomeUnknown(String paymentId, String why, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new DomainException(ErrorCode.PAYMENT_OUTCOME_UNKNOWN, "The payment " + paymentId + " " + why
                + "; it is looked up at the gateway before anything else is tried", Map.of("retryAfterSeconds", seconds));
    }

    private static void sleep(Duration pause, Deadline deadline) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, deadline.remaining().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a payment's confirm", e);
        }
    }
}

package com.ecommerce.application.payment.service;

import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.payment.port.out.GatewayTimings;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.AlreadyProcessed;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Approved;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Canceled;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.NoApproval;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Outcome;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Refused;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Unknown;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.payment.Payment.Claim;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One talk with the gateway about one payment, from its claim to the state it leaves the payment in. Shared by the
 * buyer's confirm and the reconciler.
 *
 * <p>Every write is a short transaction under the buyer's balance lock (the deployment's {@code LockPort}, through
 * the guarded unit of work): the claim, the note that a confirm is about to be sent, and the outcome (for an
 * approval, the credit, its {@code CHARGE} entry and {@code DONE}, together). The gateway is called between them,
 * with no lock held and no transaction open, so a slow gateway holds neither a connection nor a row. What keeps a
 * second confirm away is the claim in the payment's row, not the lock: the lock only makes the claim's
 * read-then-write exact, and whoever finds the payment claimed waits for the claim's outcome.
 */
public final class PaymentSettlement {

    static final int FENCED_TRIES = 5;

    private final PaymentStorePort payments;
    private final PointStorePort points;
    private final PaymentGatewayPort gateway;
    private final GuardedUnitOfWork unitOfWork;
    private final GatewayTimings timings;
    private final Clock clock;

    public PaymentSettlement(PaymentStorePort payments, PointStorePort points, PaymentGatewayPort gateway,
                             GuardedUnitOfWork unitOfWork, GatewayTimings timings, Clock clock) {
        this.payments = payments;
        this.points = points;
        this.gateway = gateway;
        this.unitOfWork = unitOfWork;
        this.timings = timings;
        this.clock = clock;
    }

    GatewayTimings timings() {
        return timings;
    }

    /** Claims the payment when nobody holds it and it is not final; empty when somebody else got there first. */
    Optional<Claim> claim(String paymentId, long userId, String paymentKey) {
        try {
            return tryClaim(paymentId, userId, paymentKey);
        } catch (ConcurrentUpdateException claimedMeanwhile) {
            // a lock that does not exclude across instances ({@code lock-jvm} on several): the row's version did
            return Optional.empty();
        }
    }

    private Optional<Claim> tryClaim(String paymentId, long userId, String paymentKey) {
        return underLock(userId, () -> {
            Payment payment = payments.findPayment(paymentId).orElseThrow();
            Instant now = clock.instant();
            if (!payment.isClaimableAt(now)) {
                return Optional.empty();
            }
            Claim claim = payment.claim(paymentKey, now, timings.claimLease());
            payments.updatePayment(payment);
            return Optional.of(claim);
        });
    }

    /**
     * Talks to the gateway under {@code claim} until the payment is final or {@code UNKNOWN}; returns it as
     * stored afterwards (still {@code IN_PROGRESS} under another claim when this one was taken over meanwhile).
     */
    Payment settle(Claim claim, long userId, long amount) {
        Outcome outcome;
        boolean confirmed = false;
        if (claim.lookUpFirst()) {
            outcome = gateway.lookUp(claim.paymentId());
            if (outcome instanceof NoApproval) {
                Optional<Payment> stillInFlight = ifStillHeld(claim, userId, payment -> { });
                if (stillInFlight.isEmpty()) {
                    return reread(claim);
                }
                if (stillInFlight.get().mayStillSettleAt(clock.instant())) {
                    // an earlier confirm may yet be approved: confirming again could approve the payment twice
                    return outcomeUnknown(claim, userId, null);
                }
                outcome = confirm(claim, userId, amount);
                confirmed = true;
            }
        } else {
            outcome = confirm(claim, userId, amount);
            confirmed = true;
        }
        if (outcome instanceof AlreadyProcessed) {
            outcome = gateway.lookUp(claim.paymentId());
        }
        return switch (outcome) {
            case Approved approved -> credit(claim, userId, amount, approved.approvedAt());
            case Refused refused -> write(claim, userId, payment -> payment.decline(claim, refused.code()));
            case Canceled ignored -> write(claim, userId, payment -> payment.cancel(claim, Payment.CANCELED_AT_GATEWAY));
            // only an error answered to our own confirm ends it; a look-up's error says nothing of the confirm
            case Unknown unknown -> outcomeUnknown(claim, userId,
                    confirmed && !unknown.mayStillBeProcessed() ? clock.instant() : null);
            // an approval the gateway no longer finds, or a refusal of a look-up: nothing to rely on
            case NoApproval ignored -> outcomeUnknown(claim, userId, null);
            case AlreadyProcessed ignored -> outcomeUnknown(claim, userId, null);
        };
    }

    /**
     * Sends the confirm once the payment says, under the claim, until when the gateway may approve it; a claim that
     * was taken over sends nothing.
     */
    private Outcome confirm(Claim claim, long userId, long amount) {
        Instant settlesAt = clock.instant().plus(timings.settleWindow());
        if (ifStillHeld(claim, userId, payment -> payment.confirmSent(claim, settlesAt)).isEmpty()) {
            return new Unknown("the claim was taken over before the confirm was sent", false);
        }
        return gateway.confirm(claim.paymentKey(), claim.paymentId(), amount);
    }

    /** Credits the approval with its {@code CHARGE} entry and marks it {@code DONE}; cancels it when it cannot be. */
    private Payment credit(Claim claim, long userId, long amount, Instant approvedAt) {
        try {
            return write(claim, userId, payment -> {
                Point point = points.findPoint(userId).orElseThrow(() -> NotFound.user(userId));
                PointHistory entry = point.charge(amount).forPayment(claim.paymentId());
                points.addHistory(entry.at(Timestamps.now(clock)));
                points.updatePoint(point);
                payment.approve(claim, approvedAt, point.balance());
            });
        } catch (DomainException notCreditable) {
            if (notCreditable.code() != ErrorCode.POINT_LIMIT_EXCEEDED) {
                throw notCreditable;
            }
            // the balance grew past what this approval may add since the payment was created: give the money back
            Outcome cancel = gateway.cancel(claim.paymentKey(), "The balance cap was reached before the credit");
            return switch (cancel) {
                case Canceled ignored -> write(claim, userId, payment -> payment.cancel(claim, Payment.CAP_REACHED));
                case Refused refused when "ALREADY_CANCELED_PAYMENT".equals(refused.code()) ->
                        write(claim, userId, payment -> payment.cancel(claim, Payment.CAP_REACHED));
                // the next claim looks it up, finds the approval, and tries again
                default -> outcomeUnknown(claim, userId, clock.instant());
            };
        }
    }

    private Payment outcomeUnknown(Claim claim, long userId, Instant settledBy) {
        return write(claim, userId, payment -> payment.outcomeUnknown(claim, settledBy));
    }

    /** Applies {@code change} under the claim; a claim that was taken over changes nothing. */
    private Payment write(Claim claim, long userId, Consumer<Payment> change) {
        return ifStillHeld(claim, userId, change).orElseGet(() -> reread(claim));
    }

    /**
     * As {@link #tryIfStillHeld}, again when the version fence refused a write (a lock that does not exclude across
     * instances let a concurrent write of the balance or the payment in): the claim decides on each try.
     */
    private Optional<Payment> ifStillHeld(Claim claim, long userId, Consumer<Payment> change) {
        for (int tries = 1; ; tries++) {
            try {
                return tryIfStillHeld(claim, userId, change);
            } catch (ConcurrentUpdateException overtaken) {
                if (tries == FENCED_TRIES) {
                    throw overtaken;
                }
            }
        }
    }

    private Optional<Payment> tryIfStillHeld(Claim claim, long userId, Consumer<Payment> change) {
        return underLock(userId, () -> {
            Payment payment = payments.findPayment(claim.paymentId()).orElseThrow();
            if (!payment.isHeldBy(claim)) {
                return Optional.empty();
            }
            change.accept(payment);
            payments.updatePayment(payment);
            return Optional.of(payment);
        });
    }

    private Payment reread(Claim claim) {
        return payments.findPayment(claim.paymentId()).orElseThrow();
    }

    private <T> T underLock(long userId, Supplier<T> work) {
        return unitOfWork.run(LockKeys.of(LockKey.point(userId)), IdempotentRequest.none(), work);
    }
}

package com.ecommerce.domain.payment;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A card payment that, once a payment gateway (PG) has approved it, credits its amount to the buyer's balance.
 *
 * <p>The one rule that matters: <b>the PG is asked to confirm a payment at most once while an earlier confirm may
 * still be approved</b>. Whoever talks to the PG first {@link #claim claims} the payment in the database (it becomes
 * {@code IN_PROGRESS} with a new {@link #attempt() attempt} number and a claim that expires); every later move
 * names that attempt, so a request whose claim was taken over (its lock's lease ran out, its instance stalled) can
 * write nothing. A confirm that was sent is remembered with the time until which the PG may still approve it
 * ({@link #settlesAt()}): past a claim, the next one looks the payment up first, and confirms again only when the
 * PG has no approval and that time has passed.
 *
 * <p>{@code version} is the row version it was read at; the store refuses a write whose version is stale.
 */
public final class Payment {

    /** The PG's order id and ours: 6 to 64 characters of {@code [A-Za-z0-9_-]}. */
    public static final Pattern ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{6,64}");
    public static final int PAYMENT_KEY_MAX = 200;
    /** Why an approval was given back when the balance could no longer take it. */
    public static final String CAP_REACHED = "POINT_LIMIT_EXCEEDED";
    /** Why a payment is cancelled that the gateway itself holds as cancelled. */
    public static final String CANCELED_AT_GATEWAY = "CANCELED_AT_GATEWAY";

    private final String paymentId;
    private final long userId;
    private final long amount;
    private final Instant createdAt;
    private final long version;
    private PaymentStatus status;
    private String paymentKey;
    private int attempt;
    private Instant claimExpiresAt;
    private Instant settlesAt;
    private String pgCode;
    private Instant approvedAt;
    private Long balanceAfter;

    private Payment(State state) {
        this.paymentId = Objects.requireNonNull(state.paymentId(), "paymentId");
        if (!ID_FORMAT.matcher(paymentId).matches()) {
            throw new IllegalArgumentException("not a payment id: " + paymentId);
        }
        this.userId = state.userId();
        this.amount = state.amount();
        this.createdAt = state.createdAt();
        this.version = state.version();
        this.status = Objects.requireNonNull(state.status(), "status");
        this.paymentKey = state.paymentKey();
        this.attempt = state.attempt();
        this.claimExpiresAt = state.claimExpiresAt();
        this.settlesAt = state.settlesAt();
        this.pgCode = state.pgCode();
        this.approvedAt = state.approvedAt();
        this.balanceAfter = state.balanceAfter();
    }

    /** Everything a payment holds, as stored. */
    public record State(String paymentId, long userId, long amount, PaymentStatus status, String paymentKey,
                        int attempt, Instant claimExpiresAt, Instant settlesAt, String pgCode, Instant approvedAt,
                        Long balanceAfter, Instant createdAt, long version) {
    }

    /** What a claim asks of its holder: whether the PG may already hold a confirm of this payment. */
    public record Claim(String paymentId, int attempt, String paymentKey, boolean lookUpFirst) {
    }

    /** A new payment of {@code amount} (a charge's limits) for {@code userId}. */
    public static Payment create(String paymentId, long userId, long amount, Instant now) {
        Checks.inRange("amount", amount, Limits.CHARGE_MIN, Limits.CHARGE_MAX);
        return new Payment(new State(paymentId, userId, amount, PaymentStatus.READY, null, 0, null, null, null, null,
                null, now, 0));
    }

    public static Payment reconstitute(State state) {
        return new Payment(state);
    }

    public State state() {
        return new State(paymentId, userId, amount, status, paymentKey, attempt, claimExpiresAt, settlesAt, pgCode,
                approvedAt, balanceAfter, createdAt, version);
    }

    /** A confirm names the amount the buyer saw; any other is refused before the PG is asked. */
    public void requireAmount(long confirmed) {
        if (confirmed != amount) {
            throw new DomainException(ErrorCode.PAYMENT_AMOUNT_MISMATCH,
                    "The payment " + paymentId + " is of " + amount + ", not " + confirmed);
        }
    }

    /** Whether somebody holds a claim that has not expired at {@code now}. */
    public boolean isClaimedAt(Instant now) {
        return status == PaymentStatus.IN_PROGRESS && now.isBefore(claimExpiresAt);
    }

    /** Whether {@link #claim} would succeed at {@code now}. */
    public boolean isClaimableAt(Instant now) {
        return status == PaymentStatus.READY || status == PaymentStatus.UNKNOWN
                || (status == PaymentStatus.IN_PROGRESS && !isClaimedAt(now));
    }

    /**
     * Takes the payment for one talk with the PG, until {@code now + lease}: a {@code READY} or {@code UNKNOWN}
     * payment, or one whose earlier claim expired. The first claim keeps {@code paymentKey}; later ones keep the
     * key the PG may already have.
     */
    public Claim claim(String requestedKey, Instant now, Duration lease) {
        if (!isClaimableAt(now)) {
            throw new IllegalStateException("payment " + paymentId + " is " + status + " and cannot be claimed");
        }
        if (paymentKey == null) {
            Objects.requireNonNull(requestedKey, "paymentKey");
            paymentKey = requestedKey;
        }
        status = PaymentStatus.IN_PROGRESS;
        attempt++;
        claimExpiresAt = wholeSecondUp(now.plus(lease));
        return new Claim(paymentId, attempt, paymentKey, settlesAt != null);
    }

    /** Whether {@code claim} is still the payment's current one. */
    public boolean isHeldBy(Claim claim) {
        return status == PaymentStatus.IN_PROGRESS && attempt == claim.attempt();
    }

    /**
     * Whether the PG may still approve a confirm sent earlier, though a look-up found no approval: a confirm whose
     * answer never came may be processed until {@link #settlesAt()}.
     */
    public boolean mayStillSettleAt(Instant now) {
        return settlesAt != null && now.isBefore(settlesAt);
    }

    /** Before a confirm is sent: until {@code settlesAt} the PG may approve it, whatever becomes of the call. */
    public void confirmSent(Claim claim, Instant settlesAt) {
        requireHeldBy(claim);
        this.settlesAt = wholeSecondUp(settlesAt);
    }

    /** The PG approved it; the balance it was credited to is {@code balanceAfter}. */
    public void approve(Claim claim, Instant approvedAt, long balanceAfter) {
        moveTo(claim, PaymentStatus.DONE);
        this.approvedAt = Objects.requireNonNull(approvedAt, "approvedAt");
        this.balanceAfter = balanceAfter;
    }

    /** The PG refused it, finally, with {@code code}. */
    public void decline(Claim claim, String code) {
        moveTo(claim, PaymentStatus.DECLINED);
        this.pgCode = Objects.requireNonNull(code, "code");
    }

    /**
     * The talk ended without an outcome: the next claim looks the payment up first. {@code settledBy} is the time
     * from which a look-up that finds no approval may be believed, when the gateway answered an error (the confirm
     * is over); null keeps the time set when the confirm was sent (its answer never came: it may still be running).
     */
    public void outcomeUnknown(Claim claim, Instant settledBy) {
        moveTo(claim, PaymentStatus.UNKNOWN);
        if (settledBy != null) {
            // the confirm is over: nothing of it is left to approve, so the second may round down
            this.settlesAt = settledBy.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** The approval was cancelled at the PG (it could no longer be credited), or the PG says it was. */
    public void cancel(Claim claim, String reason) {
        moveTo(claim, PaymentStatus.CANCELED);
        this.pgCode = Objects.requireNonNull(reason, "reason");
    }

    /** What a request that finds the payment final answers. */
    public void requireNotRefused() {
        if (status == PaymentStatus.DECLINED) {
            throw new DomainException(ErrorCode.PAYMENT_DECLINED,
                    "The payment gateway declined the payment " + paymentId, Map.of("pgCode", pgCode));
        }
        if (status == PaymentStatus.CANCELED && CAP_REACHED.equals(pgCode)) {
            throw new DomainException(ErrorCode.POINT_LIMIT_EXCEEDED, "The payment " + paymentId
                    + " was approved but the balance cap was reached before the credit; it was cancelled at the gateway");
        }
        if (status == PaymentStatus.CANCELED) {
            throw new DomainException(ErrorCode.PAYMENT_DECLINED, "The payment gateway holds the payment " + paymentId
                    + " as cancelled", Map.of("pgCode", pgCode));
        }
    }

    /**
     * The times that bound a claim and a confirm are kept in whole seconds, rounded up: every database keeps them
     * so (mysql-connector-j sends MariaDB no fraction of a second), and a bound moved later errs on the safe side,
     * one rounded down would let a second confirm out up to a second early (but see {@link #outcomeUnknown}).
     */
    static Instant wholeSecondUp(Instant time) {
        Instant whole = time.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(time) ? whole : whole.plusSeconds(1);
    }

    private void moveTo(Claim claim, PaymentStatus target) {
        requireHeldBy(claim);
        if (!status.mayMoveTo(target)) {
            throw new IllegalStateException("payment " + paymentId + " cannot move from " + status + " to " + target);
        }
        status = target;
        claimExpiresAt = null;
    }

    private void requireHeldBy(Claim claim) {
        if (!isHeldBy(claim)) {
            throw new IllegalStateException("payment " + paymentId + " is no longer held by attempt " + claim.attempt());
        }
    }

    public String paymentId() {
        return paymentId;
    }

    public long userId() {
        return userId;
    }

    public long amount() {
        return amount;
    }

    public PaymentStatus status() {
        return status;
    }

    public String paymentKey() {
        return paymentKey;
    }

    public int attempt() {
        return attempt;
    }

    public Instant claimExpiresAt() {
        return claimExpiresAt;
    }

    public Instant settlesAt() {
        return settlesAt;
    }

    public String pgCode() {
        return pgCode;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    public Long balanceAfter() {
        return balanceAfter;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}

package com.ecommerce.pgsimulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator answers the confirms (and look-ups) of one order id.
 *
 * @param mode          what a confirm does
 * @param latency       how long a confirm takes before it answers; {@code null}: random in the configured range
 * @param code          the refusal code of {@link Mode#DECLINE}
 * @param answerAfter   how long an {@link Mode#APPROVE_LATE} confirm holds its answer after approving
 * @param lookupLatency how long a look-up takes; {@code null}: none
 */
public record Behaviour(Mode mode, Duration latency, String code, Duration answerAfter, Duration lookupLatency) {

    public static final String DEFAULT_DECLINE_CODE = "REJECT_CARD_PAYMENT";

    public enum Mode { APPROVE, DECLINE, FAIL_ONCE, APPROVE_LATE }

    public Behaviour {
        Objects.requireNonNull(mode, "mode");
        requireNotNegative(latency, "latency");
        requireNotNegative(answerAfter, "answerAfter");
        requireNotNegative(lookupLatency, "lookupLatency");
        if (code != null && code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
        if (mode == Mode.DECLINE && code == null) {
            code = DEFAULT_DECLINE_CODE;
        }
        if (mode == Mode.APPROVE_LATE && answerAfter == null) {
            throw new IllegalArgumentException("APPROVE_LATE needs answerAfter");
        }
    }

    public static Behaviour approve() {
        return new Behaviour(Mode.APPROVE, null, null, null, null);
    }

    public static Behaviour approveAfter(Duration latency) {
        return new Behaviour(Mode.APPROVE, latency, null, null, null);
    }

    public static Behaviour decline(String code) {
        return new Behaviour(Mode.DECLINE, null, code, null, null);
    }

    public static Behaviour failOnce() {
        return new Behaviour(Mode.FAIL_ONCE, null, null, null, null);
    }

    /** Approves at once (a look-up sees it), but answers only after {@code answerAfter}. */
    public static Behaviour approveLate(Duration answerAfter) {
        return new Behaviour(Mode.APPROVE_LATE, null, null, answerAfter, null);
    }

    public Behaviour withLookupLatency(Duration lookupLatency) {
        return new Behaviour(mode, latency, code, answerAfter, lookupLatency);
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}

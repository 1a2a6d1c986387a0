package com.ecommerce.application.payment.port.out;

import java.time.Instant;

/**
 * The payment gateway (PG), in the shape of Toss Payments' v1 core API: confirm a payment the buyer authorised in
 * the PG's window, look it up by our payment id (the PG's {@code orderId}), cancel an approval. Every call ends
 * within the adapter's timeouts and answers an {@link Outcome}; none throws for what the PG or the network did.
 */
public interface PaymentGatewayPort {

    /** Asks the PG to approve {@code paymentId} for {@code amount}, once. */
    Outcome confirm(String paymentKey, String paymentId, long amount);

    /** What the PG holds for {@code paymentId}: {@link Approved}, {@link Canceled}, {@link NoApproval}, ... */
    Outcome lookUp(String paymentId);

    /** Cancels the approval of {@code paymentKey}. */
    Outcome cancel(String paymentKey, String reason);

    /** What the PG said, or that it said nothing we can rely on. */
    sealed interface Outcome permits Approved, Refused, AlreadyProcessed, NoApproval, Canceled, Unknown {
    }

    /** The payment is approved ({@code DONE}). */
    record Approved(String paymentKey, long totalAmount, Instant approvedAt) implements Outcome {
    }

    /** A final refusal, with the PG's code ({@code REJECT_CARD_PAYMENT}, {@code ABORTED}, ...). */
    record Refused(String code, String message) implements Outcome {
    }

    /** A confirm answered {@code ALREADY_PROCESSED_PAYMENT}: approved before; look it up. */
    record AlreadyProcessed() implements Outcome {
    }

    /** A look-up found no approval ({@code NOT_FOUND_PAYMENT}). */
    record NoApproval() implements Outcome {
    }

    /** The PG holds the payment as cancelled. */
    record Canceled() implements Outcome {
    }

    /**
     * No outcome: a {@code 5xx}, a timeout, a broken connection. {@code mayStillBeProcessed} when the call may
     * still be running at the PG (the answer never came), false when the PG answered an error.
     */
    record Unknown(String reason, boolean mayStillBeProcessed) implements Outcome {
    }
}

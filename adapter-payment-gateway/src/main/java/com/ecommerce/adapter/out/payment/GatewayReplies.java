package com.ecommerce.adapter.out.payment;

import com.ecommerce.application.payment.port.out.PaymentGatewayPort.AlreadyProcessed;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Approved;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Canceled;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.NoApproval;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Outcome;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Refused;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Unknown;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * What each answer of the PG means, by call. An answer we cannot read is {@link Unknown} that may still be
 * processed: the PG did something, we cannot tell what.
 */
final class GatewayReplies {

    static final String ALREADY_PROCESSED_PAYMENT = "ALREADY_PROCESSED_PAYMENT";
    static final String NOT_FOUND_PAYMENT = "NOT_FOUND_PAYMENT";

    private final JsonMapper json;

    GatewayReplies(JsonMapper json) {
        this.json = json;
    }

    /** The answer to {@code POST /v1/payments/confirm}. */
    Outcome confirm(int status, String body) {
        if (status == 200) {
            return payment(body);
        }
        if (isClientError(status)) {
            return refusal(status, body, error -> ALREADY_PROCESSED_PAYMENT.equals(error.code())
                    ? new AlreadyProcessed() : error);
        }
        return otherStatus(status);
    }

    /**
     * The answer to {@code GET /v1/payments/orders/{orderId}}. A look-up the PG refuses says nothing about the
     * payment, only about the look-up: unknown, and nothing left running.
     */
    Outcome lookUp(int status, String body) {
        if (status == 200) {
            return payment(body);
        }
        if (isClientError(status)) {
            return refusal(status, body, error -> status == 404 && NOT_FOUND_PAYMENT.equals(error.code())
                    ? new NoApproval()
                    : new Unknown("the PG refused the look-up: " + error.code() + " " + error.message(), false));
        }
        return otherStatus(status);
    }

    /** The answer to {@code POST /v1/payments/{paymentKey}/cancel}. */
    Outcome cancel(int status, String body) {
        if (status == 200) {
            return new Canceled();
        }
        if (isClientError(status)) {
            return refusal(status, body, error -> error);
        }
        return otherStatus(status);
    }

    /** A payment object: its {@code status} says what the PG holds. */
    private Outcome payment(String body) {
        try {
            JsonNode payment = json.readTree(body);
            String state = text(payment, "status");
            return switch (state) {
                case "DONE" -> approved(payment);
                case "CANCELED", "PARTIAL_CANCELED" -> new Canceled();
                case "ABORTED", "EXPIRED" -> new Refused(state, failureMessage(payment, state));
                // READY, IN_PROGRESS, WAITING_FOR_DEPOSIT and whatever the PG adds: not final yet
                default -> new Unknown("the PG holds the payment as " + state, true);
            };
        } catch (JacksonException | UnreadableReply | DateTimeParseException unreadable) {
            return unreadable(unreadable);
        }
    }

    private static Approved approved(JsonNode payment) {
        JsonNode total = payment.path("totalAmount");
        if (!total.isIntegralNumber() || !total.canConvertToLong()) {
            throw new UnreadableReply("totalAmount is not a whole number");
        }
        return new Approved(text(payment, "paymentKey"), total.longValue(),
                OffsetDateTime.parse(text(payment, "approvedAt")).toInstant());
    }

    private static String failureMessage(JsonNode payment, String state) {
        JsonNode message = payment.path("failure").path("message");
        return message.isString() ? message.stringValue() : "the PG holds the payment as " + state;
    }

    /** A {@code 4xx} with the PG's {@code {"code", "message"}}, read as {@code meaning} says. */
    private Outcome refusal(int status, String body, Function<Refused, Outcome> meaning) {
        try {
            JsonNode error = json.readTree(body);
            JsonNode message = error.path("message");
            return meaning.apply(new Refused(text(error, "code"), message.isString() ? message.stringValue() : ""));
        } catch (JacksonException | UnreadableReply unreadable) {
            return unreadable(new UnreadableReply(status + " " + unreadable.getMessage()));
        }
    }

    /** A {@code 5xx} is the PG's own error: it answered, so nothing it does is still under way for this call. */
    private static Outcome otherStatus(int status) {
        if (status >= 500 && status <= 599) {
            return new Unknown("the PG answered " + status, false);
        }
        return new Unknown("the PG answered an unexpected " + status, true);
    }

    private static Unknown unreadable(Exception why) {
        return new Unknown("unreadable answer from the PG: " + why.getMessage(), true);
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status <= 499;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new UnreadableReply("no " + field);
        }
        return value.stringValue();
    }

    /** A field the answer needs is missing or of the wrong kind. */
    private static final class UnreadableReply extends RuntimeException {
        UnreadableReply(String message) {
            super(message, null, false, false);
        }
    }
}

package com.ecommerce.adapter.in.web.problem;

import com.ecommerce.domain.shared.ErrorCode;
import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The error catalogue as clients see it: every stable {@code code} (the domain's business outcomes, then those of
 * HTTP itself), the status it answers with and its problem {@code type}. The handlers build their problems from it
 * and the OpenAPI document states it, so the two cannot disagree.
 */
public final class ProblemCatalogue {

    /** The {@code Retry-After} of a {@code 503} that says when to retry, in seconds, unless its exception says. */
    public static final int RETRY_AFTER_SECONDS = 1;

    /**
     * The key of a {@code DomainException}'s details that names its own {@code Retry-After} in seconds (a payment's
     * outcome is known once the gateway's settle window has passed, not in a second); it becomes the header, never a
     * property of the problem.
     */
    public static final String RETRY_AFTER_DETAIL = "retryAfterSeconds";

    /**
     * One code of the catalogue; {@code fixedDetail} is the detail a transport code always carries (a business
     * code's detail names the ids and fields of the request); {@code retryAfter}: its answers set {@code Retry-After}.
     */
    public record Entry(String code, HttpStatus status, URI type, Optional<String> fixedDetail, boolean retryAfter) {
    }

    private ProblemCatalogue() {
    }

    /** Every code, business outcomes first, in the order of their enums. */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            entries.add(of(code));
        }
        for (TransportErrorCode code : TransportErrorCode.values()) {
            entries.add(new Entry(code.name(), code.status(), typeOf(code.name()), Optional.of(code.detail()),
                    code == TransportErrorCode.RATE_LIMITED));
        }
        return List.copyOf(entries);
    }

    public static Entry of(ErrorCode code) {
        return new Entry(code.name(), statusOf(code), typeOf(code.name()), Optional.empty(), retriesAfter(code));
    }

    /**
     * Whether a client may retry after a while: every {@code 503} but {@code PAYMENTS_DISABLED}, which lasts until
     * the deployment is configured otherwise, so a {@code Retry-After} would only invite a loop.
     */
    public static boolean retriesAfter(ErrorCode code) {
        return statusOf(code) == HttpStatus.SERVICE_UNAVAILABLE && code != ErrorCode.PAYMENTS_DISABLED;
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case USER_NOT_FOUND, ITEM_NOT_FOUND, ORDER_NOT_FOUND, PAYMENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INSUFFICIENT_POINTS, OUT_OF_STOCK, POINT_LIMIT_EXCEEDED, STOCK_LIMIT_EXCEEDED, CONCURRENT_UPDATE,
                 PAYMENT_AMOUNT_MISMATCH, PAYMENT_DECLINED -> HttpStatus.CONFLICT;
            case IDEMPOTENCY_KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LOCK_TIMEOUT, LOCK_UNAVAILABLE, DATABASE_UNAVAILABLE, COMMIT_OUTCOME_UNKNOWN, PAYMENT_OUTCOME_UNKNOWN,
                 PAYMENTS_DISABLED -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** {@code urn:ecommerce:problem:out-of-stock} for {@code OUT_OF_STOCK}. */
    public static URI typeOf(String code) {
        return URI.create("urn:ecommerce:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}

package com.ecommerce.adapter.in.web.openapi;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration.Schemas;
import com.ecommerce.adapter.in.web.problem.ProblemCatalogue;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.IdempotencyKeyHeader;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.ErrorCode;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Completes each operation with what springdoc cannot see: who may call it ({@link CallableBy}: its security and
 * {@code x-callable-by}), every status it can answer ({@link ProblemCodes} and the rules below) as problems with their
 * codes, headers and examples, the {@code Location} of a {@code 201}, and the limits of the parameters that every
 * operation shares by name: ids, {@code page}, {@code size} and {@code Idempotency-Key}.
 *
 * <p>The derived problems: {@code 400 INVALID_REQUEST}, {@code 401 UNAUTHENTICATED} (on a public operation only when
 * a bad token is sent), {@code 429 RATE_LIMITED} (a caller past its limits, unless {@code ADMIN}),
 * {@code 503 DATABASE_UNAVAILABLE} and {@code 500 INTERNAL_ERROR} everywhere; {@code 403 FORBIDDEN} where the token
 * must name the user or an admin; {@code 413} and {@code 415} with a request body; {@code 422} with an
 * {@code Idempotency-Key}.
 */
final class OperationContract implements OperationCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String IDEMPOTENCY_KEY_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    /** When each code is answered, and a detail as the service words it. */
    private record CodeDoc(String when, String sampleDetail) {
    }

    private static final Map<String, CodeDoc> DOCS = Map.ofEntries(
            doc(ErrorCode.INVALID_REQUEST, "the request breaks a format or a limit; `errors` lists each field and why",
                    "The request is invalid: amount must be less than or equal to 1000000"),
            doc(ErrorCode.FORBIDDEN, "the token is valid but may not do this", "You may act only for user 1"),
            doc(ErrorCode.USER_NOT_FOUND, "the user does not exist", "User 42 does not exist"),
            doc(ErrorCode.ITEM_NOT_FOUND, "an item does not exist (`itemIds` names them for an order)",
                    "Item 42 does not exist"),
            doc(ErrorCode.ORDER_NOT_FOUND, "the order does not exist, or is someone else's",
                    "Order 42 does not exist"),
            doc(ErrorCode.INSUFFICIENT_POINTS, "the balance does not cover the order",
                    "Balance 1000 does not cover 3000"),
            doc(ErrorCode.OUT_OF_STOCK, "some line asks for more than is left (`itemIds` names them)",
                    "Not enough stock for items [1]"),
            doc(ErrorCode.POINT_LIMIT_EXCEEDED, "the balance would pass 100,000,000",
                    "The balance would exceed 100000000"),
            doc(ErrorCode.STOCK_LIMIT_EXCEEDED, "the stock would pass 1,000,000", "The stock would exceed 1000000"),
            doc(ErrorCode.CONCURRENT_UPDATE, "the version check caught a lost lock: nothing changed, retry",
                    "Another request changed this meanwhile; nothing was changed, retry"),
            doc(ErrorCode.IDEMPOTENCY_KEY_REUSED, "the `Idempotency-Key` came before with another body",
                    "Idempotency-Key charge-1 was used with another request"),
            doc(ErrorCode.LOCK_TIMEOUT, "the lock was not acquired within the wait timeout; retry after `Retry-After`",
                    "Could not lock user 1 in time; retry later"),
            doc(ErrorCode.LOCK_UNAVAILABLE, "the lock service cannot grant locks at all; retry after `Retry-After`",
                    "The lock service is unavailable: no quorum"),
            doc(ErrorCode.DATABASE_UNAVAILABLE, "no database connection came within the pool's connection wait (all in "
                    + "use, or the database not answering), or the public catalogue's share of them is taken; nothing "
                    + "changed; retry after `Retry-After`", "No database connection came within 2000 ms; nothing "
                    + "changed, retry later"),
            doc(ErrorCode.COMMIT_OUTCOME_UNKNOWN, "the database link failed at the commit: the request may or may not"
                    + " have taken effect; repeat it with the same `Idempotency-Key` (it replays if it did)",
                    "The database connection failed at the commit: the request may or may not have taken effect;"
                            + " repeat it with the same Idempotency-Key to learn which"),
            doc(ErrorCode.PAYMENT_NOT_FOUND, "the payment does not exist, or is someone else's",
                    "No payment pay_3q2-Xk9ZbVt0aLwE1cYr"),
            doc(ErrorCode.PAYMENT_AMOUNT_MISMATCH, "the confirm names another amount than the payment's; the gateway "
                    + "was not asked", "The payment pay_3q2-Xk9ZbVt0aLwE1cYr is of 10000, not 9000"),
            doc(ErrorCode.PAYMENT_DECLINED, "the payment gateway refused the payment (`pgCode` says why); final, "
                    + "every repeat answers the same", "The payment gateway declined the payment "
                    + "pay_3q2-Xk9ZbVt0aLwE1cYr"),
            doc(ErrorCode.PAYMENT_OUTCOME_UNKNOWN, "the payment gateway did not answer in time; the payment is looked "
                    + "up there before anything else is tried; confirm again after `Retry-After`",
                    "The payment pay_3q2-Xk9ZbVt0aLwE1cYr did not get an answer from the payment gateway in time; it "
                            + "is looked up at the gateway before anything else is tried"),
            doc(ErrorCode.PAYMENTS_DISABLED, "payments are off on this deployment (no payment gateway is configured); "
                    + "no `Retry-After`, retrying will not help", "Payments are off: this deployment has no payment "
                    + "gateway"),
            transport("UNAUTHENTICATED", "no valid bearer token; `WWW-Authenticate: Bearer` says so"),
            transport("NOT_FOUND", "no such route"),
            transport("METHOD_NOT_ALLOWED", "the path has no such method; `Allow` lists those it has"),
            transport("PAYLOAD_TOO_LARGE", "the body is over 64 KiB"),
            transport("UNSUPPORTED_MEDIA_TYPE", "the body is not `application/json`"),
            transport("RATE_LIMITED", "this caller (a token's user; an anonymous caller by its address) has too many "
                    + "requests in flight or passed its rate on this instance; retry after `Retry-After`"),
            transport("INTERNAL_ERROR", "anything unforeseen; the service's log has the details"));

    /** What each creating operation's {@code Location} looks like. */
    private static final Map<String, String> LOCATION_EXAMPLES = Map.of(
            "registerUser", "http://localhost:8080/api/v1/users/1",
            "registerItem", "http://localhost:8080/api/v1/items/1",
            "placeOrder", "http://localhost:8080/api/v1/orders/7",
            "createPayment", "http://localhost:8080/api/v1/users/1/points/payments/pay_3q2-Xk9ZbVt0aLwE1cYr");

    private static Map.Entry<String, CodeDoc> doc(ErrorCode code, String when, String sampleDetail) {
        return Map.entry(code.name(), new CodeDoc(when, sampleDetail));
    }

    private static Map.Entry<String, CodeDoc> transport(String code, String when) {
        String detail = ProblemCatalogue.entries().stream().filter(e -> e.code().equals(code)).findFirst()
                .flatMap(ProblemCatalogue.Entry::fixedDetail).orElseThrow();
        return Map.entry(code, new CodeDoc(when, detail));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        CallableBy callableBy = handlerMethod.getMethodAnnotation(CallableBy.class);
        if (callableBy == null) {
            throw new IllegalStateException(handlerMethod + " has no @CallableBy: the document must say who may call");
        }
        Access access = callableBy.value();
        String who = "Who may call: " + access.description();
        String description = operation.getDescription();
        operation.setDescription(description == null ? who : description + "\n\n" + who);
        operation.addExtension(OpenApiConfiguration.CALLABLE_BY_EXTENSION, access.name());
        operation.setSecurity(access.needsToken()
                ? List.of(new SecurityRequirement().addList(OpenApiConfiguration.BEARER_SCHEME)) : List.of());

        boolean idempotent = false;
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
                : operation.getParameters()) {
            idempotent |= constrain(parameter);
        }

        ApiResponses responses = operation.getResponses();
        responses.forEach((status, response) -> {
            if (status.equals("201")) {
                response.addHeaderObject(HttpHeaders.LOCATION, new Header().required(true)
                        .description("The URL of the resource just created")
                        .schema(Schemas.of("string").format("uri").example(LOCATION_EXAMPLES.getOrDefault(
                                operation.getOperationId(), "http://localhost:8080/api/v1/orders/7"))));
            }
        });

        Set<String> codes = new LinkedHashSet<>(List.of(ErrorCode.INVALID_REQUEST.name(), "UNAUTHENTICATED"));
        if (access == Access.SELF_OR_ADMIN || access == Access.ADMIN) {
            codes.add(ErrorCode.FORBIDDEN.name());
        }
        if (operation.getRequestBody() != null) {
            codes.add("PAYLOAD_TOO_LARGE");
            codes.add("UNSUPPORTED_MEDIA_TYPE");
        }
        if (idempotent) {
            codes.add(ErrorCode.IDEMPOTENCY_KEY_REUSED.name());
        }
        ProblemCodes declared = handlerMethod.getMethodAnnotation(ProblemCodes.class);
        if (declared != null) {
            EnumSet.copyOf(List.of(declared.value())).forEach(code -> codes.add(code.name()));
        }
        // an ADMIN token is never limited, but anyone else's is, whatever the operation (429 comes before 403)
        codes.add("RATE_LIMITED");
        // every operation reads or writes the database, and waits for a connection at most the pool's wait
        codes.add(ErrorCode.DATABASE_UNAVAILABLE.name());
        codes.add("INTERNAL_ERROR");

        Map<Integer, List<ProblemCatalogue.Entry>> byStatus = new TreeMap<>();
        ProblemCatalogue.entries().stream().filter(entry -> codes.contains(entry.code()))
                .forEach(entry -> byStatus.computeIfAbsent(entry.status().value(), s -> new ArrayList<>()).add(entry));
        byStatus.forEach((status, entries) -> responses.addApiResponse(String.valueOf(status),
                problemResponse(status, entries, access)));
        return operation;
    }

    private static ApiResponse problemResponse(int status, List<ProblemCatalogue.Entry> entries, Access access) {
        String lines = entries.stream().map(e -> "`" + e.code() + "`: " + DOCS.get(e.code()).when())
                .collect(Collectors.joining("; "));
        if (status == 401 && !access.needsToken()) {
            lines = "only when a token is sent and it is not valid: " + lines;
        }
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemCatalogue.Entry entry : entries) {
            Map<String, Object> value = new LinkedHashMap<>(Schemas.example(entry.code(), status,
                    DOCS.get(entry.code()).sampleDetail()));
            if (entry.code().equals(ErrorCode.INVALID_REQUEST.name())) {
                value.put("errors", List.of(Map.of("field", "amount",
                        "reason", "must be less than or equal to 1000000")));
            } else if (entry.code().equals(ErrorCode.OUT_OF_STOCK.name())) {
                value.put("itemIds", List.of(1));
            } else if (entry.code().equals(ErrorCode.PAYMENT_DECLINED.name())) {
                value.put("pgCode", "REJECT_CARD_COMPANY");
            }
            examples.put(entry.code(), new Example().summary(DOCS.get(entry.code()).when()).value(value));
        }
        ApiResponse response = new ApiResponse().description(capitalise(lines) + ".")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + OpenApiConfiguration.PROBLEM))
                        .examples(examples)));
        if (status == 401) {
            response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header().required(true)
                    .description("`Bearer`, with `error=\"invalid_token\"` when a token came and was rejected")
                    .schema(Schemas.of("string").example("Bearer")));
        }
        List<String> retriable = entries.stream().filter(ProblemCatalogue.Entry::retryAfter)
                .map(ProblemCatalogue.Entry::code).toList();
        if (!retriable.isEmpty()) {
            boolean always = retriable.size() == entries.size();
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().required(always)
                    .description("Seconds to wait before retrying" + (always ? ""
                            : "; set for " + retriable.stream().map(c -> "`" + c + "`")
                            .collect(Collectors.joining(", ")) + " only"))
                    .schema(Schemas.of("integer").format("int32")
                            .minimum(BigDecimal.ONE).example(ProblemCatalogue.RETRY_AFTER_SECONDS)));
        }
        return response;
    }

    /** The limits of a parameter the contract states once for every operation; true for an idempotency key. */
    private static boolean constrain(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        String name = parameter.getName();
        if ("path".equals(parameter.getIn()) && name.equals("paymentId")) {
            schema.setPattern("^" + Payment.ID_FORMAT.pattern() + "$");
            parameter.setDescription("A payment's id, as its creation answered it (6 to 64 characters of "
                    + "`[A-Za-z0-9_-]`); malformed: 400, unknown or another user's: 404");
            parameter.setExample("pay_3q2-Xk9ZbVt0aLwE1cYr");
        } else if ("path".equals(parameter.getIn()) && name.endsWith("Id")) {
            schema.setMinimum(BigDecimal.ONE);
            parameter.setDescription("A positive 64-bit id; not a number or out of range: 400, unknown: 404");
            parameter.setExample(1);
        } else if ("query".equals(parameter.getIn()) && name.equals("page")) {
            schema.setMinimum(BigDecimal.ZERO);
            parameter.setDescription("The page, from 0");
        } else if ("query".equals(parameter.getIn()) && name.equals("size")) {
            schema.setMinimum(BigDecimal.valueOf(PageQuery.SIZE_MIN));
            schema.setMaximum(BigDecimal.valueOf(PageQuery.SIZE_MAX));
            parameter.setDescription("Entries per page");
        } else if ("header".equals(parameter.getIn()) && name.equals(IdempotencyKeyHeader.NAME)) {
            schema.setPattern(IDEMPOTENCY_KEY_PATTERN);
            schema.setMinLength(1);
            schema.setMaxLength(64);
            parameter.setDescription("A key of the client's choosing, scoped to this endpoint and user: a repeat with "
                    + "the same key and the same body answers the first success again and has no second effect (a "
                    + "repeat that arrives while the first runs waits for it); the same key with another body is "
                    + "422 IDEMPOTENCY_KEY_REUSED. Only successes are remembered, for the configured retention "
                    + "(24 hours by default); after it, the key is new again.");
            parameter.setExample("charge-2026-11-26-0001");
            return true;
        }
        return false;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

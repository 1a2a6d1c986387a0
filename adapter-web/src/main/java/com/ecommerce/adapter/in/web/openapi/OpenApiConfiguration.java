package com.ecommerce.adapter.in.web.openapi;

import com.ecommerce.adapter.in.web.problem.ProblemCatalogue;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document, generated from the code and then completed by two customizers: {@link OperationContract}
 * gives every operation its stable id's neighbours (who may call it, every status it can answer, the limits of its
 * parameters) and {@link SchemaRules} marks what every answer always carries and what no request may add. Why generated and not a reviewed
 * file served as is: the controllers, their validation annotations and the error catalogue stay the one source, and
 * the committed copy ({@code docs/openapi.json}) is held to the served document by a test, so a change to either
 * shows up as a diff to review.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_SCHEME = "bearer";
    public static final String CALLABLE_BY_EXTENSION = "x-callable-by";
    /** The version of the document: the contract of {@code /api/v1}, changed only by additions. */
    public static final String API_VERSION = "1.1.0";

    static final String PROBLEM = "Problem";
    static final String PROBLEM_CODE = "ProblemCode";
    static final String FIELD_ERROR = "FieldError";

    public static final String USERS = "Users";
    public static final String POINTS = "Points";
    public static final String ITEMS = "Items";
    public static final String ORDERS = "Orders";
    public static final String PAYMENTS = "Payments";

    private static final String DESCRIPTION = """
            An order service whose point balances and stock stay exact under concurrent requests.

            - JSON in and out; money is a whole number of won; timestamps are ISO-8601 UTC.
            - Every error is an RFC 9457 problem (`application/problem+json`) with a stable `code`. When several \
            apply, the first of this order wins: 401, 413, 415, 400, 403, 404 (the user before items), 409 \
            (`OUT_OF_STOCK` before `INSUFFICIENT_POINTS`, then the caps), 503. A request that fails changes nothing.
            - `Idempotency-Key` on a charge or an order: a repeat with the same key and body replays the first \
            success and has no second effect; the same key with another body is `422 IDEMPOTENCY_KEY_REUSED`.
            - Authentication: `Authorization: Bearer <JWT>` whose `sub` is the caller's user id and whose `roles` may \
            hold `ADMIN`. Each operation says who may call it (`x-callable-by`).
            - A method a path does not have answers `405 METHOD_NOT_ALLOWED` with `Allow`; an unknown path \
            `404 NOT_FOUND` (`401` first when it is under `/api/v1` and no token came).

            The repository's `docs/api.md` explains the contract in prose.""";

    static {
        // the actor comes from the verified token, not from the request's parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI orderServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Order service API").version(API_VERSION).description(DESCRIPTION)
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/").description("The instance that serves this document (the "
                        + "embedded default listens on http://localhost:8080)")))
                .tags(List.of(
                        new Tag().name(USERS).description("Users: created by an administrator."),
                        new Tag().name(POINTS).description("A user's point balance: read, charge, history."),
                        new Tag().name(ITEMS).description("The catalogue and its stock."),
                        new Tag().name(ORDERS).description("Orders: stock and points taken in one atomic step."),
                        new Tag().name(PAYMENTS).description("Points bought through a payment gateway: create a "
                                + "payment, pay it in the gateway's window, confirm it; the gateway is asked to "
                                + "confirm it once and the points are credited once.")))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A JWT whose `sub` is the caller's user id and whose `roles` may hold "
                                        + "`ADMIN`; signed with the configured HMAC key (HS256) or by the configured "
                                        + "identity provider."))
                        .addSchemas(PROBLEM_CODE, problemCodeSchema())
                        .addSchemas(FIELD_ERROR, fieldErrorSchema())
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OperationCustomizer operationContract() {
        return new OperationContract();
    }

    @Bean
    OpenApiCustomizer schemaRules() {
        return new SchemaRules();
    }

    private static Schema<?> problemCodeSchema() {
        Schema<String> schema = Schemas.of("string");
        ProblemCatalogue.entries().forEach(entry -> schema.addEnumItemObject(entry.code()));
        return schema.description("The stable code of a problem: clients switch on it. Codes are never renamed or "
                + "reused; new ones may be added.");
    }

    private static Schema<?> fieldErrorSchema() {
        return Schemas.of("object")
                .description("One reason a request was invalid.")
                .addProperty("field", Schemas.of("string")
                        .description("The field, parameter or header: `lines[0].quantity`, `size`, `Idempotency-Key`, "
                                + "`body`").example("amount"))
                .addProperty("reason", Schemas.of("string").example("must be less than or equal to 1000000"))
                .required(List.of("field", "reason"));
    }

    private static Schema<?> problemSchema() {
        return Schemas.of("object")
                .description("An RFC 9457 problem with the service's stable `code`. No stack traces, SQL or class "
                        + "names: the service's log has those.")
                .addProperty("type", Schemas.of("string").format("uri")
                        .description("`urn:ecommerce:problem:` and the code in lower case with hyphens")
                        .example("urn:ecommerce:problem:out-of-stock"))
                .addProperty("title", Schemas.of("string").description("The status's reason phrase")
                        .example("Conflict"))
                .addProperty("status", Schemas.of("integer").format("int32").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).example(409))
                .addProperty("detail", Schemas.of("string").description("What went wrong, for a person to read")
                        .example("Not enough stock for items [1]"))
                .addProperty("instance", Schemas.of("string").format("uri-reference")
                        .description("The path of the request").example("/api/v1/orders"))
                .addProperty("code", new Schema<>().$ref("#/components/schemas/" + PROBLEM_CODE))
                .addProperty("errors", Schemas.of("array").items(new Schema<>().$ref("#/components/schemas/"
                                + FIELD_ERROR))
                        .description("`INVALID_REQUEST` only: each field and why"))
                .addProperty("itemIds", Schemas.of("array").items(Schemas.of("integer").format("int64"))
                        .description("`OUT_OF_STOCK`: the items short of stock; `ITEM_NOT_FOUND` of an order: the "
                                + "unknown items"))
                .addProperty("pgCode", Schemas.of("string")
                        .description("`PAYMENT_DECLINED`: the payment gateway's code of its refusal")
                        .example("REJECT_CARD_COMPANY"))
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    /** A schema of one JSON type, stated for OpenAPI 3.1 ({@code types}) and 3.0 ({@code type}) alike. */
    static final class Schemas {

        private Schemas() {
        }

        @SuppressWarnings("unchecked")
        static <T> Schema<T> of(String type) {
            Schema<T> schema = new Schema<>();
            schema.setType(type);
            schema.setTypes(Set.of(type));
            return schema;
        }

        static Map<String, Object> example(String code, int status, String detail) {
            return Map.of("type", ProblemCatalogue.typeOf(code).toString(), "title", reason(status), "status", status,
                    "detail", detail, "code", code);
        }

        private static String reason(int status) {
            return org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase();
        }
    }
}

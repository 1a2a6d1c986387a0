package com.ecommerce.bootstrap.it;

import com.ecommerce.adapter.in.web.testing.TestTokens;
import com.ecommerce.bootstrap.support.Api;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, end to end in one instance: the actuator's doors, the error precedence around 401 and 403,
 * idempotency keys scoped to the user acted for, and the OpenAPI document agreeing with the filter chain. The
 * hostile-token battery runs against real instances in the system tests.
 */
class AuthenticationIT extends IntegrationTest {

    private Api anonymous() {
        return api.withAuthorization(null);
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        if (status == 401) {
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void healthDetails_areForAdminsOnly() {
        for (Api caller : List.of(anonymous(), api.asUser(1))) {
            Response health = caller.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            assertThat(health.json().has("components")).as(health.toString()).isFalse();
        }
        assertThat(api.get("/actuator/health").json().path("components").path("db").path("status").asString())
                .isEqualTo("UP");
        assertThat(anonymous().get("/actuator/info").json().path("lock").path("strategy").asString()).isNotBlank();
    }

    @Test
    void metricsAndPrometheus_areForAdminsOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            assertProblem(anonymous().get(path), 401, "UNAUTHENTICATED");
            assertProblem(api.asUser(1).get(path), 403, "FORBIDDEN");
            assertThat(api.get(path).status()).isEqualTo(200);
        }
    }

    @Test
    void aMetricsToken_scrapesPrometheus_andNothingElse() {
        Api scraper = api.withAuthorization(TestTokens.bearer(Api.tokens().metrics()));
        long userId = api.newUser("scraped");
        DbSnapshot before = snapshot();

        Response scrape = scraper.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        for (String path : List.of("/actuator/metrics", "/actuator/env", "/actuator/loggers",
                "/api/v1/users/" + userId, "/api/v1/users/" + userId + "/points")) {
            assertProblem(scraper.get(path), 403, "FORBIDDEN");
        }
        assertProblem(scraper.post("/api/v1/users", "{\"name\":\"scraper's\"}"), 403, "FORBIDDEN");
        assertProblem(scraper.post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":5}"), 403, "FORBIDDEN");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void unauthenticated_winsOverEveryOtherError() {
        long userId = api.newUser("precedence");
        DbSnapshot before = snapshot();
        String charge = "/api/v1/users/" + userId + "/points/charge";

        assertProblem(anonymous().post(charge, "{\"amount\":" + "1".repeat(70_000) + "}"), 401, "UNAUTHENTICATED");
        assertProblem(anonymous().post(charge, "amount=5", "Content-Type", "text/plain"), 401, "UNAUTHENTICATED");
        assertProblem(anonymous().post(charge, "{\"amount\":0}"), 401, "UNAUTHENTICATED");
        assertProblem(anonymous().get("/api/v1/nothing-here"), 401, "UNAUTHENTICATED");
        assertProblem(api.withAuthorization("Bearer x.y.z").get("/api/v1/items/1"), 401, "UNAUTHENTICATED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void invalidRequests_are400BeforeForbidden_andForbiddenComesBefore404() {
        long kim = api.newUser("kim");
        long lee = api.newUser("lee");
        DbSnapshot before = snapshot();
        Api asLee = api.asUser(lee);

        assertProblem(asLee.post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":0}"), 400, "INVALID_REQUEST");
        assertProblem(asLee.post("/api/v1/users", "{\"name\":\"\"}"), 400, "INVALID_REQUEST");
        assertProblem(asLee.get("/api/v1/users/" + kim + "/points/history?size=0"), 400, "INVALID_REQUEST");
        assertProblem(asLee.post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":5}"), 403, "FORBIDDEN");
        assertProblem(asLee.get("/api/v1/users/987654321/points"), 403, "FORBIDDEN");
        assertProblem(asLee.post("/api/v1/orders", "{\"userId\":987654321,\"lines\":[{\"itemId\":987654321,"
                + "\"quantity\":1}]}"), 403, "FORBIDDEN");
        assertProblem(asLee.post("/api/v1/items/987654321/stock/restock", "{\"quantity\":1}"), 403, "FORBIDDEN");
        assertProblem(asLee.get("/api/v1/orders/987654321"), 404, "ORDER_NOT_FOUND");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void someoneElsesOrder_isNotFound_butTheBuyerAndAnAdminSeeIt() {
        long buyer = api.newUserWithBalance(10_000);
        long other = api.newUser("other");
        long item = api.newItem(1_000, 5);
        long orderId = api.order(buyer, item, 1).id("orderId");
        String path = "/api/v1/orders/" + orderId;

        assertProblem(api.asUser(other).get(path), 404, "ORDER_NOT_FOUND");
        assertThat(api.asUser(buyer).get(path).status()).isEqualTo(200);
        assertThat(api.get(path).status()).isEqualTo(200);
        assertThat(api.asUser(other).get("/api/v1/users/" + other + "/orders").json().path("totalElements").asLong())
                .isZero();
    }

    @Test
    void idempotencyKeys_areScopedToTheUserActedFor() {
        long kim = api.newUser("kim");
        long lee = api.newUser("lee");
        String key = "shared-key-1";

        Response kims = api.asUser(kim).post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":100}",
                "Idempotency-Key", key);
        Response lees = api.asUser(lee).post("/api/v1/users/" + lee + "/points/charge", "{\"amount\":100}",
                "Idempotency-Key", key);
        Response stolen = api.asUser(lee).post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":100}",
                "Idempotency-Key", key);
        Response adminForKim = api.post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":100}",
                "Idempotency-Key", key);

        assertThat(kims.status()).isEqualTo(200);
        assertThat(lees.json().path("balance").asLong()).as("a key of another user is not this one's").isEqualTo(100);
        assertProblem(stolen, 403, "FORBIDDEN");
        assertThat(adminForKim.body()).as("an admin acting for kim replays kim's key").isEqualTo(kims.body());
        assertThat(jdbc.queryForObject("select balance from point_balance where user_id = ?", Long.class, kim))
                .isEqualTo(100);
    }

    @Test
    void onlyAdmins_createUsersAndItemsAndRestock() {
        long item = api.newItem(100, 1);
        DbSnapshot before = snapshot();
        Api user = api.asUser(1);

        assertProblem(user.post("/api/v1/users", "{\"name\":\"mallory\"}"), 403, "FORBIDDEN");
        assertProblem(user.post("/api/v1/items", "{\"name\":\"free\",\"price\":0,\"stock\":9}"), 403, "FORBIDDEN");
        assertProblem(user.post("/api/v1/items/" + item + "/stock/restock", "{\"quantity\":9}"), 403, "FORBIDDEN");
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * Every operation of the served OpenAPI document, called without a token: those that declare no security answer
     * anything but 401, the others 401. The document, the filter chain and the controllers cannot drift apart.
     */
    @Test
    void theOpenApiDocument_saysWhichOperationsNeedAToken_andTheServiceAgrees() {
        JsonNode doc = anonymous().get("/v3/api-docs").json();
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        List<String> disagreements = new ArrayList<>();
        List<String> publicOperations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                JsonNode op = operation.getValue();
                boolean secured = !op.path("security").isEmpty();
                assertThat(op.path("x-callable-by").asString()).as(method + " " + path.getKey()).isNotBlank();
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + concrete))
                        .header("Content-Type", "application/json")
                        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
                int status = anonymous().send(request).status();
                if (secured != (status == 401)) {
                    disagreements.add(method + " " + path.getKey() + ": secured=" + secured + ", status " + status);
                }
                if (!secured) {
                    publicOperations.add(method + " " + path.getKey());
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(publicOperations).containsExactlyInAnyOrder("GET /api/v1/items", "GET /api/v1/items/{itemId}");
    }

    @Test
    void aTokenOfAnotherKey_isRefusedEverywhereATokenIsNeeded() {
        String forged = TestTokens.bearer(TestTokens.signWith(TestTokens.OTHER_SECRET,
                Api.tokens().claims(String.valueOf(TestTokens.ADMIN_SUB), List.of("ADMIN")).build()));
        DbSnapshot before = snapshot();
        assertProblem(api.withAuthorization(forged).post("/api/v1/users", "{\"name\":\"forged\"}"), 401,
                "UNAUTHENTICATED");
        assertProblem(api.withAuthorization(forged).get("/actuator/prometheus"), 401, "UNAUTHENTICATED");
        assertThat(snapshot()).isEqualTo(before);
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract around the endpoints: problem shape, routes, methods, media types, body limits. */
class ProtocolIT extends IntegrationTest {

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("code").asString()).isEqualTo(code);
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.json().path("type").asString()).isNotBlank();
        assertThat(r.json().path("title").asString()).isNotBlank();
        assertThat(r.json().path("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "java.", "com.ecommerce", "SQL", "hibernate", "jackson")
                .doesNotContainPattern("\\bat [a-z]+\\.[a-z]");
    }

    @Test
    void unknownRoute_is404NotFound() {
        assertProblem(api.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v2/items"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethod_is405WithAllow() {
        Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/items/1")).DELETE());
        assertProblem(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).contains("GET");
        Response put = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/orders"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(put, 405, "METHOD_NOT_ALLOWED");
        assertThat(put.header("Allow")).contains("POST");
    }

    @Test
    void bodyThatIsNotJson_is415() {
        long userId = api.newUser("media");
        DbSnapshot before = snapshot();
        Response text = api.post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":5}",
                "Content-Type", "text/plain");
        Response form = api.post("/api/v1/users", "name=kim", "Content-Type", "application/x-www-form-urlencoded");
        assertProblem(text, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(form, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyOver64KiB_is413WhetherDeclaredOrChunked_andWinsOverOtherErrors() {
        DbSnapshot before = snapshot();
        String huge = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
        Response declared = api.post("/api/v1/users", huge);
        Response chunked = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        Response malformedAndWrongType = api.post("/api/v1/users", "y".repeat(70_000), "Content-Type", "text/plain");

        assertProblem(declared, 413, "PAYLOAD_TOO_LARGE");
        assertProblem(chunked, 413, "PAYLOAD_TOO_LARGE");
        assertProblem(malformedAndWrongType, 413, "PAYLOAD_TOO_LARGE");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyJustUnder64KiB_isRead() {
        String name = "x".repeat(65_536 - "{\"name\":\"\"}".length());
        Response r = api.post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        assertProblem(r, 400, "INVALID_REQUEST");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void malformedJson_is400() {
        long userId = api.newUser("json");
        DbSnapshot before = snapshot();
        String path = "/api/v1/users/" + userId + "/points/charge";
        for (String body : new String[]{"{\"amount\":", "", "[1]", "\"amount\"", "{\"amount\":1}{}",
                "{\"amount\":1,\"amount\":2}", "{'amount':1}", "{\"amount\":1, \"extra\":true}"}) {
            Response r = api.post(path, body);
            assertProblem(r, 400, "INVALID_REQUEST");
            assertThat(r.json().path("errors").isArray()).as(body).isTrue();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void scriptAndSqlInNamesAreStoredAsPlainText() {
        String hostile = "<script>alert(1)</script>'; DROP TABLE users; --";
        Response r = api.post("/api/v1/users", "{\"name\":\"" + hostile + "\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo(hostile);
        assertThat(jdbc.queryForObject("select count(*) from users where name = ?", Long.class, hostile)).isEqualTo(1);
    }

    /** Requests that Tomcat refuses before any servlet sees them answer problems too, not Tomcat's HTML page. */
    @Test
    void requestsTheContainerRefuses_areProblemsToo() throws IOException {
        String hugeToken = "GET /api/v1/users/1/points HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + "a".repeat(40_000) + "\r\nConnection: close\r\n\r\n";
        String badPath = "GET /api/v1/items/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        for (String request : List.of(hugeToken, badPath)) {
            String answer = raw(request);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"code\":\"INVALID_REQUEST\"").doesNotContain("<html", "Tomcat");
        }
    }

    /** URLs Spring Security's firewall refuses (encoded or ambiguous characters) are problems, not Boot's JSON. */
    @Test
    void urlsTheFirewallRefuses_are400Problems() {
        for (String path : List.of("/api/v1/users/1%3BDROP%20TABLE%20users/points", "/api/v1/users/1//points",
                "/api/v1/items/%2e%2e", "/api/v1/items/1%2F2")) {
            assertProblem(api.get(path), 400, "INVALID_REQUEST");
        }
        assertProblem(api.get("/error"), 404, "NOT_FOUND");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void openApiAndHealthAndInfoAreServed() {
        assertThat(api.get("/v3/api-docs").body()).contains("/api/v1/orders", "/api/v1/users/{userId}/points/charge");
        Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/info").json().path("lock").path("strategy").asString()).isEqualTo("jvm");
    }
}

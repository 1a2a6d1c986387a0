package com.ecommerce.bootstrap.support;

import com.ecommerce.adapter.in.web.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A black-box HTTP client for the service: raw strings in, status, headers and parsed JSON out. */
public final class Api {

    public record Response(int status, HttpHeaders headers, String body) {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }

        public long id(String field) {
            return json().path(field).asLong();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final TestTokens TOKENS = TestTokens.standard();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;

    /** A client that acts as an administrator. */
    public Api(String base) {
        this(base, TestTokens.bearer(TOKENS.admin()));
    }

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same service, acting as the given user. */
    public Api asUser(long userId) {
        return new Api(base, TestTokens.bearer(TOKENS.user(userId)));
    }

    /** The same service with this {@code Authorization} header, or none when it is null. */
    public Api withAuthorization(String authorization) {
        return new Api(base, authorization);
    }

    public static TestTokens tokens() {
        return TOKENS;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A JSON POST; {@code headers} (name, value, ...) are set last, so they may replace the Authorization. */
    public Response post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        authorize(request);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return sendAsIs(request);
    }

    /** Sends with this client's Authorization (replacing one the request set). */
    public Response send(HttpRequest.Builder request) {
        authorize(request);
        return sendAsIs(request);
    }

    private void authorize(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
    }

    private Response sendAsIs(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }

    // --- the main flow, for tests that need fixtures

    public long newUser(String name) {
        Response r = post("/api/v1/users", "{\"name\":\"" + name + "\"}");
        check(r, 201);
        return r.id("userId");
    }

    public long newUserWithBalance(long balance) {
        long userId = newUser("user");
        for (long left = balance; left > 0; left -= 1_000_000) {
            check(post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":" + Math.min(left, 1_000_000) + "}"), 200);
        }
        return userId;
    }

    public long newItem(long price, long stock) {
        Response r = post("/api/v1/items", "{\"name\":\"item\",\"price\":" + price + ",\"stock\":" + stock + "}");
        check(r, 201);
        return r.id("itemId");
    }

    /** An order placed by the buyer themself. */
    public Response order(long userId, long... itemIdQuantityPairs) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < itemIdQuantityPairs.length; i += 2) {
            if (i > 0) {
                lines.append(',');
            }
            lines.append("{\"itemId\":").append(itemIdQuantityPairs[i]).append(",\"quantity\":")
                    .append(itemIdQuantityPairs[i + 1]).append('}');
        }
        return asUser(userId).post("/api/v1/orders", "{\"userId\":" + userId + ",\"lines\":[" + lines + "]}");
    }

    /** A charge by the user themself. */
    public Response charge(long userId, long amount) {
        return asUser(userId).post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":" + amount + "}");
    }

    private static void check(Response r, int expected) {
        if (r.status() != expected) {
            throw new AssertionError("expected " + expected + " but got " + r);
        }
    }
}

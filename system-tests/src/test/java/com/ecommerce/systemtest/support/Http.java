package com.ecommerce.systemtest.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * HTTP to the instances (or to a proxy in front of them). Transport failures (an instance killed mid-request) come
 * back as status 0.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /** Minted once: the helpers that take no token act as an administrator. */
    public static final String ADMIN = Tokens.bearer(Tokens.admin());

    private Http() {
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's code, "OK" for 2xx, or "NO_ANSWER" when the connection failed. */
        public String outcome() {
            if (status == 0) {
                return "NO_ANSWER";
            }
            if (status < 300) {
                return "OK";
            }
            try {
                String code = json().path("code").asString();
                return code.isEmpty() ? "HTTP_" + status : code;
            } catch (RuntimeException e) {
                return "HTTP_" + status;
            }
        }

        public String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }
    }

    public static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            return new Response(0, String.valueOf(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted", null);
        }
    }

    /** A GET as an administrator. */
    public static Response get(Endpoint to, String path) {
        return get(to, path, ADMIN);
    }

    /** A GET with the given {@code Authorization} header, or none when it is null. */
    public static Response get(Endpoint to, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** A POST as an administrator, unless {@code headers} (name, value, ...) carry their own Authorization. */
    public static Response post(Endpoint to, String path, String json, String... headers) {
        return postWith(to, path, json, ADMIN, headers);
    }

    /**
     * A POST with the given {@code Authorization} header, or none when it is null; {@code headers} (name, value, ...)
     * replace the defaults, Content-Type included.
     */
    public static Response postWith(Endpoint to, String path, String json, String authorization,
                                    String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public static long newUser(Endpoint to, long balance) {
        Response created = post(to, "/api/v1/users", "{\"name\":\"system\"}");
        expect(created, 201);
        long userId = created.json().path("userId").asLong();
        for (long left = balance; left > 0; left -= 1_000_000) {
            expect(charge(to, userId, Math.min(left, 1_000_000)), 200);
        }
        return userId;
    }

    public static long newItem(Endpoint to, long price, long stock) {
        Response created = post(to, "/api/v1/items", "{\"name\":\"item\",\"price\":" + price + ",\"stock\":" + stock + "}");
        expect(created, 201);
        return created.json().path("itemId").asLong();
    }

    /** A charge by the user themself. */
    public static Response charge(Endpoint to, long userId, long amount) {
        return post(to, "/api/v1/users/" + userId + "/points/charge", "{\"amount\":" + amount + "}",
                "Authorization", Tokens.bearer(Tokens.user(userId)));
    }

    /** An order by the buyer themself. */
    public static Response order(Endpoint to, long userId, long itemId, int quantity) {
        return post(to, "/api/v1/orders", "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + itemId
                + ",\"quantity\":" + quantity + "}]}", "Authorization", Tokens.bearer(Tokens.user(userId)));
    }

    public static void expect(Response r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + " but got " + r.status() + " " + r.body());
        }
    }
}

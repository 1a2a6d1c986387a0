package com.ecommerce.pgsimulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client of the simulator, as the service and other processes see it. */
final class Http {

    record Response(int status, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI baseUrl;
    private final String authorization;

    Http(URI baseUrl, String secretKey) {
        this.baseUrl = baseUrl;
        this.authorization = secretKey == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    Response confirm(String orderId, long amount, String idempotencyKey) {
        return send("POST", "/v1/payments/confirm", """
                {"paymentKey": "pk_%s", "orderId": "%s", "amount": %d}""".formatted(orderId, orderId, amount),
                idempotencyKey);
    }

    Response lookup(String orderId) {
        return send("GET", "/v1/payments/orders/" + orderId, null, null);
    }

    Response cancel(String paymentKey) {
        return send("POST", "/v1/payments/" + paymentKey + "/cancel", "{\"cancelReason\": \"cannot credit\"}", null);
    }

    Response send(String method, String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

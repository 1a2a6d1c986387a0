package com.ecommerce.pgsimulator;

import com.ecommerce.pgsimulator.Gateway.Answer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in payment gateway speaking the shape of Toss Payments' v1 core API on the loopback interface, with a
 * control API ({@code /sim/...}) that scripts its behaviour per order id and reports every call it received.
 */
public final class PaymentGatewaySimulator implements AutoCloseable {

    private static final Pattern LOOKUP = Pattern.compile("/v1/payments/orders/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile("/v1/payments/([^/]+)/cancel");
    private static final Pattern BEHAVIOUR = Pattern.compile("/sim/payments/([^/]+)/behaviour");
    private static final Pattern SUMMARY = Pattern.compile("/sim/payments/([^/]+)");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Gateway gateway;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private PaymentGatewaySimulator(Settings settings) throws IOException {
        gateway = new Gateway(settings);
        // a benchmark opens many connections at once; the default backlog would refuse some of them
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static PaymentGatewaySimulator start(Settings settings) {
        try {
            return new PaymentGatewaySimulator(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + settings.port(), e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void behave(String orderId, Behaviour behaviour) {
        gateway.behave(orderId, behaviour);
    }

    /** Every PG call, in arrival order; only those of one order id unless {@code null}. */
    public List<Call> calls(String orderIdOrNull) {
        return gateway.calls(orderIdOrNull);
    }

    /** How many times the payment of this order id was approved. */
    public int approvals(String orderId) {
        return gateway.approvals(orderId);
    }

    /** Forgets payments, calls, idempotency keys and behaviours. */
    public void reset() {
        gateway.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (JacksonException | IllegalArgumentException e) {
                answer = Gateway.error(400, "INVALID_REQUEST", e.getMessage());
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // closing: the caller sees the connection drop, as from a PG that went away
                }
                // a code of its own: a test must not take a fault of the simulator for a scripted PG failure
                e.printStackTrace();
                answer = Gateway.error(500, "SIMULATOR_ERROR", e.toString());
            }
            send(exchange, answer);
        }
    }

    private Answer route(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m;
        if (method.equals("POST") && path.equals("/v1/payments/confirm")) {
            JsonNode body = bodyOrMissing(exchange);
            JsonNode amount = body.path("amount");
            return gateway.confirm(authorization, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    text(body, "paymentKey"), text(body, "orderId"),
                    amount.isIntegralNumber() && amount.canConvertToLong() ? amount.longValue() : null);
        }
        if (method.equals("GET") && (m = LOOKUP.matcher(path)).matches()) {
            return gateway.lookup(authorization, m.group(1));
        }
        if (method.equals("POST") && (m = CANCEL.matcher(path)).matches()) {
            return gateway.cancel(authorization, m.group(1), text(bodyOrMissing(exchange), "cancelReason"));
        }
        if (method.equals("PUT") && (m = BEHAVIOUR.matcher(path)).matches()) {
            gateway.behave(m.group(1), behaviour(bodyOrMissing(exchange)));
            return new Answer(204, null);
        }
        if (method.equals("GET") && path.equals("/sim/calls")) {
            return new Answer(200, gateway.calls(queryParameter(exchange, "orderId")));
        }
        if (method.equals("GET") && (m = SUMMARY.matcher(path)).matches()) {
            return new Answer(200, gateway.summary(m.group(1)));
        }
        if (method.equals("POST") && path.equals("/sim/reset")) {
            gateway.reset();
            return new Answer(204, null);
        }
        return Gateway.error(404, "NOT_FOUND", "no such route: " + method + " " + path);
    }

    /** A malformed body names nothing: the call is still recorded, then refused as invalid. */
    private JsonNode bodyOrMissing(HttpExchange exchange) {
        try {
            JsonNode body = json.readTree(exchange.getRequestBody());
            return body == null ? json.missingNode() : body;
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).findFirst().orElse(null);
    }

    private static Behaviour behaviour(JsonNode body) {
        String mode = text(body, "mode");
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        return new Behaviour(Behaviour.Mode.valueOf(mode), millis(body, "latencyMs"), text(body, "code"),
                millis(body, "answerAfterMs"), millis(body, "lookupLatencyMs"));
    }

    private static Duration millis(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number of milliseconds");
        }
        return Duration.ofMillis(value.longValue());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

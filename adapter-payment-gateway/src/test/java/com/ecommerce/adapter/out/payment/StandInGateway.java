package com.ecommerce.adapter.out.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A PG on a loopback port that records what it was sent and answers as a test scripts it: enough of the Toss shape
 * to drive the adapter through every answer, a slow one and a broken connection.
 */
final class StandInGateway implements AutoCloseable {

    /** One request as it arrived: the raw (still encoded) path, the headers, the body. */
    record Received(String method, String rawPath, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer = json(200, "{}");

    StandInGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received);
        }
        return received.getFirst();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    void answer(int status, String body) {
        answer(json(status, body));
    }

    static Answer json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    static Answer after(Duration delay, Answer then) {
        return exchange -> {
            Thread.sleep(delay);
            then.send(exchange);
        };
    }

    /** Sends the headers of a {@code 200} and then nothing more for {@code stall}. */
    static Answer headersThenStall(Duration stall) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            Thread.sleep(stall);
            exchange.close();
        };
    }

    /** Drops the connection without a word: the server closes it when a handler fails. */
    static Answer brokenConnection() {
        return exchange -> {
            throw new IOException("the stand-in drops the connection");
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Collections.unmodifiableMap(headers), body));
        try {
            answer.send(exchange);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

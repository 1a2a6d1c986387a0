package com.ecommerce.systemtest.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payment gateway simulator, run as an OS process from its runnable jar (like the service). The system tests
 * share one, started once per test JVM ({@link #shared()}): each test uses payments of its own, and reads what the
 * simulator recorded for them through its control API. A program that needs other timing (the benchmark measures
 * the service's own cost of a confirm, without the gateway's wait) starts one of its own with {@link #start(String)}
 * and closes it.
 */
public final class PaymentGatewaySimulator implements Endpoint, AutoCloseable {

    public static final String SECRET_KEY = "test_sk_system_tests";
    /** A normal confirm answers after 0.3 to 2 s, as a real gateway under load may. */
    public static final String LATENCY = "300ms-2000ms";
    /** Well above the longest normal latency (a loaded 2-core machine adds to it), below a late answer. */
    public static final Duration READ_TIMEOUT = Duration.ofMillis(4_000);

    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PaymentGatewaySimulator shared;

    private final Process process;
    private final String baseUrl;

    private PaymentGatewaySimulator(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** The one simulator of this JVM, started on first use and stopped when the JVM ends. */
    public static synchronized PaymentGatewaySimulator shared() {
        if (shared == null) {
            shared = start(LATENCY);
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroyForcibly));
        }
        return shared;
    }

    /** What an instance needs to talk to it. */
    public java.util.Map<String, String> instanceProperties() {
        return java.util.Map.of("ecommerce.payment.gateway.base-url", baseUrl,
                "ecommerce.payment.gateway.secret-key", SECRET_KEY,
                "ecommerce.payment.gateway.read-timeout", READ_TIMEOUT.toMillis() + "ms",
                "ecommerce.payment.gateway.connect-timeout", "1s",
                "ecommerce.payment.reconcile.interval", "1s");
    }

    /**
     * Starts a simulator of its own whose normal confirm waits {@code latency} (the simulator's {@code --latency}:
     * {@code 0ms}, {@code 1s}, {@code 300ms-2000ms}); {@link #close()} stops it.
     */
    public static PaymentGatewaySimulator start(String latency) {
        Path jar = jar();
        Path log = SystemEnv.workDir().resolve("payment-gateway-simulator.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--port=0", "--secret-key=" + SECRET_KEY, "--latency=" + latency));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            Thread.ofVirtual().start(() -> drain(out));
                            return m.group(1);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("the simulator ended before it was ready; see " + log);
            });
            try {
                return new PaymentGatewaySimulator(process, ready.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start the payment gateway simulator from " + jar, e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the simulator's own log is not needed once it is ready; reading keeps its pipe from filling
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("simulator.jar",
                "../payment-gateway-simulator/target/payment-gateway-simulator-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The payment gateway simulator " + jar + " does not exist: build it "
                    + "first (./mvnw verify builds it before system-tests; alone: ./mvnw -pl payment-gateway-simulator "
                    + "-DskipTests package).");
        }
        return jar;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** Stops the process and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the simulator how to answer {@code paymentId}'s confirms, e.g. {@code {"mode":"DECLINE"}}. */
    public void behave(String paymentId, String behaviour) {
        Http.Response r = Http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/payments/" + paymentId
                + "/behaviour")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(behaviour)));
        if (r.status() != 204) {
            throw new AssertionError("the simulator refused the behaviour " + behaviour + ": " + r.status() + " "
                    + r.body());
        }
    }

    /** What the simulator holds of {@code paymentId}: approvals, confirms, lookups, cancels, status. */
    public JsonNode payment(String paymentId) {
        Http.Response r = Http.get(this, "/sim/payments/" + paymentId, null);
        Http.expect(r, 200);
        return r.json();
    }

    public int confirms(String paymentId) {
        return payment(paymentId).path("confirms").asInt();
    }

    public int approvals(String paymentId) {
        return payment(paymentId).path("approvals").asInt();
    }

    /** The calls about {@code paymentId}, in arrival order, as {@code KIND status} (e.g. {@code CONFIRM 500}). */
    public List<String> calls(String paymentId) {
        Http.Response r = Http.get(this, "/sim/calls?orderId=" + paymentId, null);
        Http.expect(r, 200);
        List<String> calls = new ArrayList<>();
        for (JsonNode call : JSON.readTree(r.body())) {
            calls.add(call.path("kind").asString() + " " + call.path("status").asInt());
        }
        return calls;
    }

    /** The calls about {@code paymentId} as the simulator records them (with their times), for a failure's message. */
    public String callRecords(String paymentId) {
        return Http.get(this, "/sim/calls?orderId=" + paymentId, null).body();
    }

    /** Waits until the simulator has received a confirm of {@code paymentId}. */
    public void awaitConfirmReceived(String paymentId, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            Http.Response r = Http.get(this, "/sim/calls?orderId=" + paymentId, null);
            if (r.status() == 200 && r.body().contains("CONFIRM")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("no confirm of " + paymentId + " reached the simulator within " + within);
    }
}

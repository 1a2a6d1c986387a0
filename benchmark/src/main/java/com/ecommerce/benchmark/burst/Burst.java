package com.ecommerce.benchmark.burst;

import com.ecommerce.benchmark.scenario.Auth;
import com.ecommerce.benchmark.scenario.Fixtures;
import com.ecommerce.benchmark.scenario.Scenario;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A burst: every request of it started on a virtual thread of its own, held at a latch until all are ready, then
 * released together, each one its own HTTP call; requests go to the instances round-robin. Run on instances that have
 * just started (and use the service's default lock wait), it is the cold-start case: a flash sale right after a
 * deploy. The fixtures are written straight into the database, so the instances serve nothing before the burst.
 */
public enum Burst {

    /** 200 distinct funded buyers order one unit each of one item that has 100: 100 orders, 100 OUT_OF_STOCK. */
    ORDERS("order-burst", 200) {
        @Override
        public Prepared prepare() {
            long item = Fixtures.items(1, 1, STOCK)[0];
            long[] buyers = Fixtures.funded(requests, 1_000);
            String[] bearers = Auth.bearers(buyers);
            return new Prepared((i, to) -> Auth.order(to, bearers[i], buyers[i], item, 1), outcomes -> {
                long ok = outcomes.getOrDefault("OK", 0L);
                List<String> problems = Scenario.conservation(new long[]{item}, STOCK, ok);
                problems.addAll(refusedTokens(outcomes));
                long stock = Database.stock(item);
                long sold = Database.sold(item);
                List<String> unmet = new ArrayList<>();
                if (ok != STOCK || outcomes.getOrDefault("OUT_OF_STOCK", 0L) != requests - STOCK) {
                    unmet.add(ok + " OK and " + outcomes.getOrDefault("OUT_OF_STOCK", 0L) + " OUT_OF_STOCK, expected "
                            + STOCK + " and " + (requests - STOCK));
                }
                if (stock != 0 || sold != STOCK) {
                    unmet.add("stock " + stock + " and " + sold + " sold, expected 0 and " + STOCK);
                }
                return new Checked(problems, unmet);
            });
        }
    },
    /** 100 charges of one point to one balance that starts at zero: all OK, balance 100. */
    CHARGES("charge-burst", 100) {
        @Override
        public Prepared prepare() {
            long user = Fixtures.funded(1, 0)[0];
            String bearer = Auth.bearer(user);
            return new Prepared((i, to) -> Auth.charge(to, bearer, user, 1), outcomes -> {
                long ok = outcomes.getOrDefault("OK", 0L);
                List<String> problems = new ArrayList<>(Database.invariantViolations());
                problems.addAll(refusedTokens(outcomes));
                long balance = Database.balance(user);
                if (balance != ok) {
                    problems.add("balance " + balance + " but " + ok + " charges of 1 succeeded");
                }
                List<String> unmet = new ArrayList<>();
                if (ok != requests || balance != requests) {
                    unmet.add(ok + " OK and balance " + balance + ", expected " + requests + " and " + requests);
                }
                return new Checked(problems, unmet);
            });
        }
    };

    public static final long STOCK = 100;

    public final String id;
    public final int requests;

    Burst(String id, int requests) {
        this.id = id;
        this.requests = requests;
    }

    /** Sends request number {@code index} of the burst to {@code to}. */
    public interface Request {
        Http.Response send(int index, ServiceInstance to);
    }

    /** The requests, and the check of the final state against the outcomes by code. */
    public record Prepared(Request request, Function<Map<String, Long>, Checked> check) {
    }

    /**
     * {@code problems}: the final state contradicts the answers (a correctness failure); {@code unmet}: the state is
     * exact, but not what the burst should end in (some requests failed, e.g. with 503).
     */
    public record Checked(List<String> problems, List<String> unmet) {
    }

    /**
     * One burst's result. Latencies in milliseconds, each request's own (from its send to its answer); {@code wallMs}
     * from the release to the last answer; {@code lastSentMs}: when the last request was sent, after the release.
     */
    public record Result(String strategy, String burst, int instances, String servedBefore, int requests,
                  Map<String, Long> outcomes, long serviceUnavailable, double wallMs, double lastSentMs, double p50,
                  double p99, double max, boolean asExpected, List<String> unmet, boolean correct,
                  List<String> problems) {
    }

    /** The tokens (every one minted before the release, see {@link Auth}) and the check of the final state. */
    public abstract Prepared prepare();

    /**
     * Every request of the benchmark carries the token of whoever may make it, so a 401 or a 403 means the benchmark
     * measured the refusal of its own requests: a failed check, not an outcome.
     */
    public static List<String> refusedTokens(Map<String, Long> outcomes) {
        List<String> problems = new ArrayList<>();
        for (String code : List.of("UNAUTHENTICATED", "FORBIDDEN")) {
            if (outcomes.getOrDefault(code, 0L) > 0) {
                problems.add(outcomes.get(code) + " requests answered " + code + ": the benchmark's tokens are wrong");
            }
        }
        return problems;
    }

    /** Prepares the fixture, fires the burst at {@code targets} and checks the database. */
    public Result run(String strategy, List<ServiceInstance> targets, String servedBefore) {
        Prepared prepared = prepare();
        Fired fired = fire(requests, i -> prepared.request().send(i, targets.get(i % targets.size())));
        Checked checked = prepared.check().apply(fired.outcomes());
        long[] sorted = fired.latencyMicros().clone();
        Arrays.sort(sorted);
        Result result = new Result(strategy, id, targets.size(), servedBefore, requests, fired.outcomes(),
                fired.serviceUnavailable(), fired.wallMicros() / 1000.0, fired.lastSentMicros() / 1000.0,
                percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0,
                checked.unmet().isEmpty(), checked.unmet(), checked.problems().isEmpty(), checked.problems());
        System.out.printf("[bench] %s / %s / %d instance(s), fresh (before: %s): %s in %.0f ms, p50 %.0f ms, "
                        + "p99 %.0f ms, max %.0f ms, last sent after %.0f ms%s%s%n", strategy, id, targets.size(),
                servedBefore, result.outcomes(), result.wallMs(), result.p50(), result.p99(), result.max(),
                result.lastSentMs(),
                result.asExpected() ? "" : "; not as expected: " + String.join("; ", result.unmet()),
                result.correct() ? "" : "; FAILED CHECK: " + String.join("; ", result.problems()));
        return result;
    }

    /**
     * Warms this JVM's side of a burst (Java's HttpClient opening hundreds of connections at once, the virtual
     * threads, the latch) against a throwaway local HTTP server, so that the first burst measures a cold service and
     * not a cold load generator as well. The requests carry a bearer token as the burst's do (the same header size).
     */
    public static void warmUpGenerator() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/warm-up");
                String bearer = Auth.bearer(1);
                for (int round = 0; round < 5; round++) {
                    fire(ORDERS.requests, i -> Http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").header("Authorization", bearer)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + i + "}"))));
                }
            } finally {
                server.stop(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(String outcome, int status, long sentMicros, long latencyMicros) {
    }

    private record Fired(Map<String, Long> outcomes, long serviceUnavailable, long wallMicros, long lastSentMicros,
                         long[] latencyMicros) {
    }

    /** Starts {@code n} virtual threads, waits until each is parked at the gate, then opens it. */
    private static Fired fire(int n, IntFunction<Http.Response> request) {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        long[] released = new long[1];
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    gate.await();
                    long sent = System.nanoTime();
                    Http.Response response = request.apply(index);
                    long answered = System.nanoTime();
                    return new Answer(response.outcome(), response.status(), (sent - released[0]) / 1_000,
                            (answered - sent) / 1_000);
                }));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the burst's threads did not start");
            }
            released[0] = System.nanoTime();
            gate.countDown();
            Map<String, Long> outcomes = new TreeMap<>();
            long unavailable = 0;
            long lastSent = 0;
            long lastAnswer = 0;
            long[] latencies = new long[n];
            for (int i = 0; i < n; i++) {
                Answer answer = futures.get(i).get(5, TimeUnit.MINUTES);
                outcomes.merge(answer.outcome(), 1L, Long::sum);
                if (answer.status() == 503) {
                    unavailable++;
                }
                lastSent = Math.max(lastSent, answer.sentMicros());
                lastAnswer = Math.max(lastAnswer, answer.sentMicros() + answer.latencyMicros());
                latencies[i] = answer.latencyMicros();
            }
            return new Fired(outcomes, unavailable, lastAnswer, lastSent, latencies);
        } catch (Exception e) {
            throw new IllegalStateException("the burst did not finish", e);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

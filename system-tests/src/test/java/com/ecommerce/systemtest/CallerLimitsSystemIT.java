package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.SystemEnv;
import com.ecommerce.systemtest.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits per caller on two instances with their defaults (8 requests in flight, 50 a second, bursts of 100, per
 * instance): a flood from one user's token is answered {@code 429 RATE_LIMITED} with {@code Retry-After} past them,
 * while another user's requests, sent one at a time meanwhile, are all served, at close to the latency they had
 * before the flood; the administrator is not limited; nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerLimitsSystemIT {

    private static final Duration FLOOD = Duration.ofSeconds(4);
    private static final int FLOODING_THREADS = 24;

    private ServiceInstance a;
    private ServiceInstance b;

    private ServiceInstance start(String name) {
        return ServiceInstance.start("limits-" + name, Map.of(
                "spring.profiles.active", SystemEnv.dbProfile() + ",lock-db",
                "ecommerce.limits.enabled", "true"));
    }

    @BeforeAll
    void startPair() {
        Database.recreate();
        a = start("a").awaitReady(TwoInstancesScenarios.START_TIMEOUT);
        b = start("b").awaitReady(TwoInstancesScenarios.START_TIMEOUT);
    }

    @AfterAll
    void stopPair() {
        ServiceInstance.stopEach(a, b);
    }

    private ServiceInstance either(long i) {
        return i % 2 == 0 ? a : b;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    /** One request of the quiet user, timed. */
    private long quietRequest(long user, String token, long i, List<Http.Response> answers) {
        long start = System.nanoTime();
        Http.Response r = Http.get(either(i), "/api/v1/users/" + user + "/points", token);
        long took = System.nanoTime() - start;
        answers.add(r);
        return took;
    }

    @Test
    void aFloodFromOneUser_is429PastItsLimits_whileAnotherUserIsServedAtItsNormalLatency() throws Exception {
        long flooder = Http.newUser(a, 0);
        long quiet = Http.newUser(a, 0);
        String flooderToken = Tokens.bearer(Tokens.user(flooder));
        String quietToken = Tokens.bearer(Tokens.user(quiet));
        Database.Snapshot before = Database.snapshot();

        List<Http.Response> quietAnswers = Collections.synchronizedList(new ArrayList<>());
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            baseline.add(quietRequest(quiet, quietToken, i, quietAnswers));
            Thread.sleep(25);
        }

        Map<String, Integer> flooded = new ConcurrentHashMap<>();
        List<String> retryAfters = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Long> during = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < FLOODING_THREADS; t++) {
                int thread = t;
                threads.submit(() -> {
                    long i = thread;
                    while (flooding.get()) {
                        Http.Response r = Http.get(either(i++), "/api/v1/users/" + flooder + "/points",
                                flooderToken);
                        flooded.merge(r.outcome(), 1, Integer::sum);
                        if (r.status() == 429) {
                            retryAfters.add(r.header("Retry-After"));
                        }
                    }
                });
            }
            long end = System.nanoTime() + FLOOD.toNanos();
            long i = 0;
            Thread.sleep(300);
            while (System.nanoTime() < end) {
                during.add(quietRequest(quiet, quietToken, i++, quietAnswers));
                Thread.sleep(25);
            }
            flooding.set(false);
        }

        int admittedAtMost = 2 * (100 + 50 * (int) (FLOOD.toSeconds() + 2));
        System.out.printf("[limits] flood of %d threads for %d s over two instances: %s; the quiet user: %d requests, "
                        + "median %.1f ms before the flood and %.1f ms during it%n", FLOODING_THREADS,
                FLOOD.toSeconds(), flooded, during.size(), median(baseline), median(during));
        assertThat(flooded.getOrDefault("RATE_LIMITED", 0)).as("the flooder's 429s").isPositive();
        assertThat(flooded.keySet()).as("the flooder's outcomes").containsOnly("OK", "RATE_LIMITED");
        assertThat(flooded.get("OK")).as("the flooder's successes, at most burst + rate per instance")
                .isLessThanOrEqualTo(admittedAtMost);
        assertThat(retryAfters).as("Retry-After of every 429").allSatisfy(value ->
                assertThat(Long.parseLong(value)).isBetween(1L, 2L));
        assertThat(quietAnswers).as("the quiet user's answers").allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(median(during)).as("the quiet user's median latency during the flood, against %.1f ms before",
                median(baseline)).isLessThanOrEqualTo(3 * median(baseline) + 30);

        // the back office is not limited: 300 requests at once, all served
        Map<String, Integer> admin = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                long index = i;
                threads.submit(() -> admin.merge(Http.get(either(index), "/api/v1/users/" + flooder + "/points")
                        .outcome(), 1, Integer::sum));
            }
        }
        assertThat(admin).as("an administrator's 300 requests at once").isEqualTo(Map.of("OK", 300));
        assertThat(Database.snapshot()).as("the database after reads only").isEqualTo(before);
    }
}

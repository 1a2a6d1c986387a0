package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.Summary;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the source report warns of: {@code lock-jvm} on two instances excludes nothing across them. The version
 * check must still keep every balance and stock exact, so the collisions surface as {@code 409 CONCURRENT_UPDATE},
 * never as lost updates or oversold stock.
 */
class JvmSystemIT extends TwoInstancesScenarios {

    @Override
    protected String strategy() {
        return "jvm";
    }

    @Override
    protected boolean excludesWritersAcrossInstances() {
        return false;
    }

    @Override
    protected void onLoadDone(Tally charges, Tally orders) {
        assertThat(charges.of("CONCURRENT_UPDATE") + orders.of("CONCURRENT_UPDATE"))
                .as("two JVMs with a lock each must collide on one balance").isPositive();
    }

    @Test
    @Order(2)
    void theSameIdempotencyKeySentConcurrentlyToBothInstances_chargesOnceAndAnswersAllAlike() throws Exception {
        long userId = Http.newUser(a, 0);
        int requests = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return Http.post(either(index), "/api/v1/users/" + userId + "/points/charge", "{\"amount\":777}",
                            "Idempotency-Key", "across-instances-1");
                }));
            }
            start.countDown();
        }
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> f : futures) {
            responses.add(f.get());
        }

        assertThat(responses).extracting(Http.Response::status).containsOnly(200);
        assertThat(responses).extracting(Http.Response::body)
                .containsOnly("{\"userId\":" + userId + ",\"balance\":777}");
        assertThat(Database.balance(userId)).isEqualTo(777);
        assertThat(Database.number("select count(*) from point_history where user_id = ?", userId)).isEqualTo(1);
        Summary.add("one Idempotency-Key, 20 concurrent requests over 2 instances", strategy(),
                new Load.Tally(Map.of("OK", requests), requests),
                "charged once (balance 777, 1 history row), 20 identical bodies");
    }

    /** Runs here, on instances that are up anyway: the flow needs no particular strategy. */
    @Test
    @Order(3)
    void aClientGeneratedFromTheCommittedDocument_drivesAWholeFlowAndReadsEveryProblem() throws Exception {
        long started = System.nanoTime();
        Tally flow = GeneratedClientFlow.run(a, b, PaymentGatewaySimulator.shared());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Summary.add("client generated from docs/openapi.json, 2 instances", strategy(), flow, flow.requests()
                + " calls in " + tookMs + " ms: charged once per key, paid once through the gateway, 2 of 3 pens "
                + "sold, balance and stock exact, every problem read as the document's Problem");
    }
}

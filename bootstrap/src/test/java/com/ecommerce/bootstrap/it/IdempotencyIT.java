package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIT extends IntegrationTest {

    private static final String KEY = "Idempotency-Key";

    @Test
    void chargeRepeatedWithTheSameKeyAndContent_replaysWithoutASecondEffect() {
        long userId = api.newUser("idem");
        String path = "/api/v1/users/" + userId + "/points/charge";

        Response first = api.post(path, "{\"amount\":700}", KEY, "charge-1");
        Response respaced = api.post(path, "{ \"amount\" :   700 }", KEY, "charge-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(respaced.status()).isEqualTo(200);
        assertThat(respaced.body()).isEqualTo(first.body());
        assertThat(api.get("/api/v1/users/" + userId + "/points").json().path("balance").asLong()).isEqualTo(700);
        assertThat(api.get("/api/v1/users/" + userId + "/points/history").json().path("totalElements").asLong())
                .isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBody_is422AndChangesNothing() {
        long userId = api.newUser("idem");
        String path = "/api/v1/users/" + userId + "/points/charge";
        api.post(path, "{\"amount\":700}", KEY, "k-1");
        DbSnapshot before = snapshot();

        Response r = api.post(path, "{\"amount\":701}", KEY, "k-1");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void keysAreCaseSensitiveAndScopedPerUserAndEndpoint() {
        long kim = api.newUser("kim");
        long lee = api.newUser("lee");
        api.post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":10}", KEY, "Key");
        api.post("/api/v1/users/" + kim + "/points/charge", "{\"amount\":10}", KEY, "key");
        api.post("/api/v1/users/" + lee + "/points/charge", "{\"amount\":20}", KEY, "Key");
        long pen = api.newItem(5, 10);
        Response order = api.post("/api/v1/orders",
                "{\"userId\":" + kim + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":1}]}", KEY, "Key");

        assertThat(order.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/users/" + kim + "/points").json().path("balance").asLong()).isEqualTo(15);
        assertThat(api.get("/api/v1/users/" + lee + "/points").json().path("balance").asLong()).isEqualTo(20);
    }

    @Test
    void orderRepeatedWithTheSameKey_replaysTheSameOrderWith201() {
        long userId = api.newUserWithBalance(10_000);
        long pen = api.newItem(1_000, 10);
        String body = "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":2}]}";
        String reordered = "{\"lines\":[{\"quantity\":2,\"itemId\":" + pen + "}],\"userId\":" + userId + "}";

        Response first = api.post("/api/v1/orders", body, KEY, "order-1");
        Response again = api.post("/api/v1/orders", reordered, KEY, "order-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(api.get("/api/v1/items/" + pen).json().path("stock").asLong()).isEqualTo(8);
        assertThat(api.get("/api/v1/users/" + userId + "/orders").json().path("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void aFailedRequestLeavesNoTraceSoItsRepeatIsProcessedAfresh() {
        long userId = api.newUser("retry");
        long pen = api.newItem(1_000, 10);
        String body = "{\"userId\":" + userId + ",\"lines\":[{\"itemId\":" + pen + ",\"quantity\":1}]}";

        Response failed = api.post("/api/v1/orders", body, KEY, "retry-1");
        api.charge(userId, 1_000);
        Response retried = api.post("/api/v1/orders", body, KEY, "retry-1");

        assertThat(failed.code()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(retried.status()).isEqualTo(201);
    }

    @Test
    void invalidKeys_are400() {
        long userId = api.newUser("bad-key");
        for (String key : new String[]{"has space", "x".repeat(65), "semi;colon", "\u00e9t\u00e9"}) {
            Response r = api.post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":1}", KEY, key);
            assertThat(r.status()).as(key).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(api.get("/api/v1/users/" + userId + "/points").json().path("balance").asLong()).isZero();
    }

    @Test
    void concurrentDuplicates_chargeOnceAndAllGetTheSameAnswer() throws Exception {
        long userId = api.newUser("race");
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(() -> {
                start.await();
                return api.post("/api/v1/users/" + userId + "/points/charge", "{\"amount\":333}", KEY, "same-key");
            });
        }
        List<Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Response>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
        }

        assertThat(responses).extracting(Response::status).containsOnly(200);
        assertThat(responses).extracting(Response::body).containsOnly("{\"userId\":" + userId + ",\"balance\":333}");
        assertThat(jdbc.queryForObject("select balance from point_balance where user_id = ?", Long.class, userId))
                .isEqualTo(333);
        assertThat(jdbc.queryForObject("select count(*) from point_history where user_id = ?", Long.class, userId))
                .isEqualTo(1);
        System.out.printf("[idempotency] %d concurrent duplicates: %d answered 200, balance 333, 1 history row%n",
                threads, responses.size());
    }
}

package com.ecommerce.pgsimulator;

import com.ecommerce.pgsimulator.Call.Kind;
import com.ecommerce.pgsimulator.Http.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

/** The PG API over HTTP, as the service calls it. */
class PaymentGatewaySimulatorTest {

    private static final PaymentGatewaySimulator SIMULATOR = PaymentGatewaySimulator.start(Settings.immediate());
    private final Http pg = new Http(SIMULATOR.baseUrl(), Settings.DEFAULT_SECRET_KEY);

    @BeforeEach
    void forgetEverything() {
        SIMULATOR.reset();
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    @Test
    void confirm_byDefault_approvesAndAnswersThePaymentDone() {
        Response response = pg.confirm("order-1", 10_000, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("paymentKey").stringValue()).isEqualTo("pk_order-1");
        assertThat(response.body().path("orderId").stringValue()).isEqualTo("order-1");
        assertThat(response.body().path("status").stringValue()).isEqualTo("DONE");
        assertThat(response.body().path("totalAmount").longValue()).isEqualTo(10_000);
        assertThat(response.body().path("method").stringValue()).isEqualTo("CARD");
        assertThat(OffsetDateTime.parse(response.body().path("approvedAt").stringValue()))
                .isCloseTo(OffsetDateTime.now(), within(5, ChronoUnit.SECONDS));
        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(1);
    }

    @Test
    void everyCall_withoutTheSecretKey_isRefusedAndRecorded() {
        Http stranger = new Http(SIMULATOR.baseUrl(), null);
        Http wrongKey = new Http(SIMULATOR.baseUrl(), "live_sk_other");

        assertThat(List.of(stranger.confirm("order-1", 10_000, null), wrongKey.confirm("order-1", 10_000, null),
                stranger.lookup("order-1"), wrongKey.cancel("pk_order-1")))
                .allSatisfy(response -> {
                    assertThat(response.status()).isEqualTo(401);
                    assertThat(response.body().path("code").stringValue()).isEqualTo("UNAUTHORIZED_KEY");
                });
        assertThat(SIMULATOR.approvals("order-1")).isZero();
        assertThat(SIMULATOR.calls(null)).extracting(Call::kind, Call::status).containsExactly(
                tuple(Kind.CONFIRM, 401), tuple(Kind.CONFIRM, 401),
                tuple(Kind.LOOKUP, 401), tuple(Kind.CANCEL, 401));
    }

    @Test
    void confirm_withMissingFieldsOrNoPositiveAmount_isInvalid() {
        assertThat(List.of(pg.confirm("order-1", 0, null), pg.confirm("order-1", -5, null),
                pg.send("POST", "/v1/payments/confirm", "{\"orderId\": \"order-1\", \"amount\": 100}", null),
                pg.send("POST", "/v1/payments/confirm", "{\"paymentKey\": \"pk\", \"amount\": 100}", null),
                pg.send("POST", "/v1/payments/confirm", "{\"paymentKey\": \"pk\", \"orderId\": \"order-1\"}", null),
                pg.send("POST", "/v1/payments/confirm", "{\"paymentKey\": \"pk\", \"orderId\": \"order-1\", \"amount\": \"100\"}", null),
                pg.send("POST", "/v1/payments/confirm", "not json", null)))
                .allSatisfy(response -> {
                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.body().path("code").stringValue()).isEqualTo("INVALID_REQUEST");
                });
        assertThat(SIMULATOR.approvals("order-1")).isZero();
        assertThat(SIMULATOR.calls(null)).hasSize(7).allSatisfy(call -> assertThat(call.status()).isEqualTo(400));
    }

    @Test
    void confirm_whenDeclined_refusesWithTheScriptedCodeAndApprovesNothing() {
        SIMULATOR.behave("order-1", Behaviour.decline("EXCEED_MAX_DAILY_PAYMENT_COUNT"));
        SIMULATOR.behave("order-2", new Behaviour(Behaviour.Mode.DECLINE, null, null, null, null));

        Response scripted = pg.confirm("order-1", 10_000, null);
        Response byDefault = pg.confirm("order-2", 10_000, null);

        assertThat(scripted.status()).isEqualTo(403);
        assertThat(scripted.body().path("code").stringValue()).isEqualTo("EXCEED_MAX_DAILY_PAYMENT_COUNT");
        assertThat(byDefault.body().path("code").stringValue()).isEqualTo("REJECT_CARD_PAYMENT");
        assertThat(SIMULATOR.approvals("order-1")).isZero();
        assertThat(pg.lookup("order-1").status()).isEqualTo(404);
    }

    @Test
    void confirm_whenFailingOnce_answers500ApprovingNothing_thenApproves() {
        SIMULATOR.behave("order-1", Behaviour.failOnce());

        Response first = pg.confirm("order-1", 10_000, null);
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.body().path("code").stringValue()).isEqualTo("FAILED_INTERNAL_SYSTEM_PROCESSING");
        assertThat(SIMULATOR.approvals("order-1")).isZero();

        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(2);
    }

    @Test
    void confirm_withTheSameIdempotencyKeyAfterA500_isProcessedAfresh() {
        SIMULATOR.behave("order-1", Behaviour.failOnce());

        assertThat(pg.confirm("order-1", 10_000, "order-1").status()).isEqualTo(500);
        assertThat(pg.confirm("order-1", 10_000, "order-1").status()).isEqualTo(200);
        assertThat(pg.confirm("order-1", 10_000, "order-1").status()).isEqualTo(200);
        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(1);
    }

    @Test
    void confirm_withAScriptedLatency_answersNoSooner() {
        SIMULATOR.behave("order-1", Behaviour.approveAfter(Duration.ofMillis(400)));

        long start = System.nanoTime();
        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void confirm_withoutABehaviour_waitsWithinTheConfiguredRange() {
        try (PaymentGatewaySimulator slow = PaymentGatewaySimulator.start(
                new Settings(0, "sk", Duration.ofMillis(300), Duration.ofMillis(400)))) {
            Http client = new Http(slow.baseUrl(), "sk");
            long start = System.nanoTime();
            assertThat(client.confirm("order-1", 10_000, null).status()).isEqualTo(200);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void confirm_approvingLate_isDoneForALookUpWhileTheConfirmStillWaits() throws Exception {
        SIMULATOR.behave("order-1", Behaviour.approveLate(Duration.ofMillis(1500)));

        long start = System.nanoTime();
        CompletableFuture<Response> confirm = CompletableFuture.supplyAsync(() -> pg.confirm("order-1", 10_000, null));
        awaitApprovals("order-1", 1);
        Response lookup = pg.lookup("order-1");

        assertThat(confirm).isNotDone();
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().path("status").stringValue()).isEqualTo("DONE");
        assertThat(SIMULATOR.calls("order-1")).first().satisfies(call -> {
            assertThat(call.kind()).isEqualTo(Kind.CONFIRM);
            assertThat(call.status()).isNull();
            assertThat(call.answeredAt()).isNull();
        });
        assertThat(confirm.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(1);
    }

    @Test
    void confirm_repeatedWithoutAnIdempotencyKey_approvesEachTime() {
        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);

        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(2);
    }

    @Test
    void confirm_concurrentWithOneIdempotencyKey_approvesOnceAndAnswersBothTheSame() throws Exception {
        SIMULATOR.behave("order-1", Behaviour.approveAfter(Duration.ofMillis(500)));
        SIMULATOR.behave("order-2", Behaviour.approveAfter(Duration.ofMillis(500)));

        List<Response> keyed = concurrently(() -> pg.confirm("order-1", 10_000, "key-1"));
        List<Response> unkeyed = concurrently(() -> pg.confirm("order-2", 10_000, null));

        assertThat(keyed).extracting(Response::status).containsExactly(200, 200);
        assertThat(keyed.get(0).body()).isEqualTo(keyed.get(1).body());
        assertThat(SIMULATOR.approvals("order-1")).isEqualTo(1);
        assertThat(SIMULATOR.calls("order-1")).extracting(Call::idempotencyKey).containsExactly("key-1", "key-1");
        assertThat(unkeyed).extracting(Response::status).containsExactly(200, 200);
        assertThat(SIMULATOR.approvals("order-2")).isEqualTo(2);
    }

    @Test
    void lookUp_beforeAnyApproval_isNotFound_afterwards_isThePayment() {
        Response before = pg.lookup("order-1");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body().path("code").stringValue()).isEqualTo("NOT_FOUND_PAYMENT");

        pg.confirm("order-1", 10_000, null);
        Response after = pg.lookup("order-1");

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().path("paymentKey").stringValue()).isEqualTo("pk_order-1");
        assertThat(after.body().path("status").stringValue()).isEqualTo("DONE");
        assertThat(after.body().path("totalAmount").longValue()).isEqualTo(10_000);
        assertThat(after.body().path("approvedAt").isString()).isTrue();
    }

    @Test
    void lookUp_withAScriptedLatency_answersNoSooner() {
        SIMULATOR.behave("order-1", Behaviour.approve().withLookupLatency(Duration.ofMillis(300)));

        long start = System.nanoTime();
        assertThat(pg.lookup("order-1").status()).isEqualTo(404);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void cancel_ofAnApprovedPayment_cancelsItOnce() {
        pg.confirm("order-1", 10_000, null);

        Response canceled = pg.cancel("pk_order-1");
        Response again = pg.cancel("pk_order-1");

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.body().path("status").stringValue()).isEqualTo("CANCELED");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("code").stringValue()).isEqualTo("ALREADY_CANCELED_PAYMENT");
        assertThat(pg.lookup("order-1").body().path("status").stringValue()).isEqualTo("CANCELED");
        assertThat(SIMULATOR.calls("order-1")).extracting(Call::kind, Call::paymentKey).contains(
                tuple(Kind.CANCEL, "pk_order-1"));
    }

    @Test
    void cancel_ofAnUnknownKey_isNotFound() {
        Response response = pg.cancel("pk_nobody");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("code").stringValue()).isEqualTo("NOT_FOUND_PAYMENT");
        assertThat(SIMULATOR.calls(null)).singleElement().satisfies(call -> {
            assertThat(call.orderId()).isNull();
            assertThat(call.paymentKey()).isEqualTo("pk_nobody");
        });
    }

    @Test
    void calls_areRecordedInArrivalOrderWithWhatTheyWereAnswered() {
        pg.lookup("order-1");
        pg.confirm("order-1", 10_000, "key-1");
        pg.confirm("order-2", 10_000, null);
        pg.cancel("pk_order-1");

        List<Call> calls = SIMULATOR.calls("order-1");

        assertThat(calls).extracting(Call::kind, Call::orderId, Call::idempotencyKey, Call::status).containsExactly(
                tuple(Kind.LOOKUP, "order-1", null, 404),
                tuple(Kind.CONFIRM, "order-1", "key-1", 200),
                tuple(Kind.CANCEL, "order-1", null, 200));
        assertThat(calls).allSatisfy(call -> assertThat(call.answeredAt()).isAfterOrEqualTo(call.receivedAt()));
        assertThat(calls).extracting(Call::receivedAt).isSorted();
        assertThat(SIMULATOR.calls(null)).hasSize(4);
    }

    private static List<Response> concurrently(Supplier<Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Response>> futures = List.of(
                    threads.submit(() -> awaitThen(start, call)), threads.submit(() -> awaitThen(start, call)));
            start.countDown();
            return List.of(futures.get(0).get(10, TimeUnit.SECONDS), futures.get(1).get(10, TimeUnit.SECONDS));
        }
    }

    private static Response awaitThen(CountDownLatch start, Supplier<Response> call) throws InterruptedException {
        start.await();
        return call.get();
    }

    private static void awaitApprovals(String orderId, int approvals) throws InterruptedException {
        for (int i = 0; i < 200 && SIMULATOR.approvals(orderId) < approvals; i++) {
            Thread.sleep(10);
        }
    }
}

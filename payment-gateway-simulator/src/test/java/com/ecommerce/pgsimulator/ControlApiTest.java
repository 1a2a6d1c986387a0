package com.ecommerce.pgsimulator;

import com.ecommerce.pgsimulator.Http.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The control API over HTTP, as tests in other processes script and read the simulator. */
class ControlApiTest {

    private static final PaymentGatewaySimulator SIMULATOR = PaymentGatewaySimulator.start(Settings.immediate());
    private final Http pg = new Http(SIMULATOR.baseUrl(), Settings.DEFAULT_SECRET_KEY);
    private final Http control = new Http(SIMULATOR.baseUrl(), null);

    @BeforeEach
    void forgetEverything() {
        SIMULATOR.reset();
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
    }

    @Test
    void behaviour_putOverHttp_scriptsTheOrdersConfirms() {
        assertThat(behave("order-1", "{\"mode\": \"DECLINE\", \"code\": \"INVALID_CARD_EXPIRATION\"}")).isEqualTo(204);
        assertThat(behave("order-2", "{\"mode\": \"FAIL_ONCE\"}")).isEqualTo(204);
        assertThat(behave("order-3", "{\"mode\": \"APPROVE\", \"latencyMs\": 0, \"lookupLatencyMs\": 0}")).isEqualTo(204);

        Response declined = pg.confirm("order-1", 10_000, null);
        assertThat(declined.status()).isEqualTo(403);
        assertThat(declined.body().path("code").stringValue()).isEqualTo("INVALID_CARD_EXPIRATION");
        assertThat(pg.confirm("order-2", 10_000, null).status()).isEqualTo(500);
        assertThat(pg.confirm("order-3", 10_000, null).status()).isEqualTo(200);
    }

    @Test
    void behaviour_approveLateOverHttp_approvesBeforeItAnswers() {
        assertThat(behave("order-1", "{\"mode\": \"APPROVE_LATE\", \"answerAfterMs\": 300}")).isEqualTo(204);

        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
        assertThat(SIMULATOR.calls("order-1")).singleElement().satisfies(call ->
                assertThat(call.answeredAt()).isAfterOrEqualTo(call.receivedAt().plusMillis(300)));
    }

    @Test
    void behaviour_thatMakesNoSense_isInvalid() {
        assertThat(behave("order-1", "{\"mode\": \"EXPLODE\"}")).isEqualTo(400);
        assertThat(behave("order-1", "{\"mode\": \"APPROVE_LATE\"}")).isEqualTo(400);
        assertThat(behave("order-1", "{\"mode\": \"APPROVE\", \"latencyMs\": -1}")).isEqualTo(400);
        assertThat(behave("order-1", "{}")).isEqualTo(400);
        assertThat(behave("order-1", "not json")).isEqualTo(400);
    }

    @Test
    void calls_listsEveryCallOrThoseOfOneOrder() {
        pg.confirm("order-1", 10_000, "key-1");
        pg.lookup("order-2");

        Response all = control.send("GET", "/sim/calls", null, null);
        Response ofOne = control.send("GET", "/sim/calls?orderId=order-1", null, null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().size()).isEqualTo(2);
        assertThat(ofOne.body().size()).isEqualTo(1);
        var call = ofOne.body().get(0);
        assertThat(call.path("kind").stringValue()).isEqualTo("CONFIRM");
        assertThat(call.path("orderId").stringValue()).isEqualTo("order-1");
        assertThat(call.path("paymentKey").stringValue()).isEqualTo("pk_order-1");
        assertThat(call.path("idempotencyKey").stringValue()).isEqualTo("key-1");
        assertThat(call.path("status").intValue()).isEqualTo(200);
        assertThat(Instant.parse(call.path("receivedAt").stringValue()))
                .isBeforeOrEqualTo(Instant.parse(call.path("answeredAt").stringValue()));
    }

    @Test
    void payment_summarisesApprovalsStatusAndCallsOfAnOrder() {
        pg.lookup("order-1");
        pg.confirm("order-1", 10_000, null);
        pg.confirm("order-1", 10_000, null);
        pg.cancel("pk_order-1");

        Response summary = control.send("GET", "/sim/payments/order-1", null, null);
        Response unknown = control.send("GET", "/sim/payments/order-2", null, null);

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body().path("orderId").stringValue()).isEqualTo("order-1");
        assertThat(summary.body().path("approvals").intValue()).isEqualTo(2);
        assertThat(summary.body().path("status").stringValue()).isEqualTo("CANCELED");
        assertThat(summary.body().path("confirms").intValue()).isEqualTo(2);
        assertThat(summary.body().path("lookups").intValue()).isEqualTo(1);
        assertThat(summary.body().path("cancels").intValue()).isEqualTo(1);
        assertThat(unknown.body().path("approvals").intValue()).isZero();
        assertThat(unknown.body().path("status").isNull()).isTrue();
    }

    @Test
    void reset_forgetsPaymentsCallsAndBehaviours() {
        behave("order-1", "{\"mode\": \"DECLINE\"}");
        pg.confirm("order-1", 10_000, null);
        pg.confirm("order-2", 10_000, "key-2");

        assertThat(control.send("POST", "/sim/reset", null, null).status()).isEqualTo(204);

        assertThat(control.send("GET", "/sim/calls", null, null).body().size()).isZero();
        assertThat(pg.lookup("order-2").status()).isEqualTo(404);
        assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
        assertThat(pg.confirm("order-2", 10_000, "key-2").status()).isEqualTo(200);
        assertThat(SIMULATOR.approvals("order-2")).isEqualTo(1);
    }

    @Test
    void unknownRoute_isNotFound() {
        assertThat(control.send("GET", "/v2/anything", null, null).status()).isEqualTo(404);
        assertThat(control.send("DELETE", "/sim/calls", null, null).status()).isEqualTo(404);
    }

    private int behave(String orderId, String json) {
        return control.send("PUT", "/sim/payments/" + orderId + "/behaviour", json, null).status();
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.OrderServiceApplication;
import com.ecommerce.bootstrap.support.Api;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which gateway the service talks to, decided at start: none on a database profile without a configured one (the
 * payment endpoints say payments are off, after the caller's rights), the simulator in process on the embedded
 * default (payments work out of the box, logged as such, and are measured).
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentsIT extends IntegrationTest {

    private static final Pattern ADMIN_TOKEN = Pattern.compile("^ {2}admin *: (\\S+)$", Pattern.MULTILINE);

    @Test
    void aDatabaseProfileWithoutAGateway_answersPaymentsDisabledAfterTheCallersRights() {
        long userId = api.newUser("kim");
        Api kim = api.asUser(userId);

        Response created = kim.post("/api/v1/users/" + userId + "/points/payments", "{\"amount\":10000}");
        Response confirmed = kim.post("/api/v1/users/" + userId + "/points/payments/pay_abcdef/confirm",
                "{\"paymentKey\":\"pk\",\"amount\":10000}");
        Response read = kim.get("/api/v1/users/" + userId + "/points/payments/pay_abcdef");
        Response someoneElses = api.asUser(userId + 1_000).get("/api/v1/users/" + userId + "/points/payments/pay_abcdef");

        for (Response r : new Response[]{created, confirmed, read}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.code()).isEqualTo("PAYMENTS_DISABLED");
            assertThat(r.header("Retry-After")).isNull();
        }
        assertThat(someoneElses.code()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("select count(*) from payment", Long.class)).isZero();
    }

    @Test
    void theEmbeddedDefault_runsTheSimulatorInProcess_andAPaymentIsConfirmedCreditedAndMeasured(
            CapturedOutput output) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.port=0", "--spring.profiles.active=lock-jvm",
                "--spring.datasource.url=jdbc:h2:mem:payments;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")) {
            assertThat(output.getOut()).contains("the payment gateway simulator runs in this process at");
            Matcher token = ADMIN_TOKEN.matcher(output.getOut());
            assertThat(token.find()).isTrue();
            Api admin = new Api("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
                    .withAuthorization("Bearer " + token.group(1));
            long before = admin.get("/api/v1/users/1/points").json().path("balance").asLong();

            Response created = admin.post("/api/v1/users/1/points/payments", "{\"amount\":7000}");
            assertThat(created.status()).isEqualTo(201);
            String paymentId = created.json().path("paymentId").asString();
            assertThat(created.header("Location")).endsWith("/api/v1/users/1/points/payments/" + paymentId);
            Response confirmed = admin.post("/api/v1/users/1/points/payments/" + paymentId + "/confirm",
                    "{\"paymentKey\":\"pk_demo\",\"amount\":7000}");
            Response repeated = admin.post("/api/v1/users/1/points/payments/" + paymentId + "/confirm",
                    "{\"paymentKey\":\"pk_demo\",\"amount\":7000}");

            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            assertThat(confirmed.json().path("status").asString()).isEqualTo("DONE");
            assertThat(confirmed.json().path("balance").asLong()).isEqualTo(before + 7000);
            assertThat(repeated.body()).isEqualTo(confirmed.body());
            assertThat(admin.get("/api/v1/users/1/points/payments/" + paymentId).json().path("status").asString())
                    .isEqualTo("DONE");
            JsonNode credit = admin.get("/api/v1/users/1/points/history").json().path("content").get(0);
            assertThat(credit.path("type").asString()).isEqualTo("CHARGE");
            assertThat(credit.path("paymentId").asString()).isEqualTo(paymentId);
            String metrics = admin.get("/actuator/prometheus").body();
            assertThat(metrics).containsPattern(
                    "ecommerce_payment_gateway_calls_seconds_count\\{[^}]*call=\"confirm\"[^}]*outcome=\"approved\"[^}]*} 1");
            assertThat(metrics).contains("ecommerce_payment_reconciled_total");
        }
    }
}

package com.ecommerce.adapter.out.payment;

import com.ecommerce.application.payment.port.out.PaymentGatewayPort.AlreadyProcessed;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Approved;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Canceled;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.NoApproval;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Outcome;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Refused;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort.Unknown;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentGatewayHttpAdapterTest {

    private static final String SECRET = "test_sk_not-a-real-key";
    /** base64("test_sk_not-a-real-key:"), worked out once by hand rather than by the code under test. */
    private static final String BASIC = "Basic dGVzdF9za19ub3QtYS1yZWFsLWtleTo=";
    private static final String PAYMENT_ID = "pay_0001abcd";
    private static final String PAYMENT_KEY = "tgen_20261207abcdef";
    private static final String DONE = """
            {"paymentKey": "tgen_20261207abcdef", "orderId": "pay_0001abcd", "status": "DONE",
             "totalAmount": 10000, "approvedAt": "2026-12-07T10:00:00+09:00", "method": "CARD"}""";

    private final StandInGateway pg = new StandInGateway();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void stop() {
        pg.close();
    }

    private PaymentGatewayHttpAdapter adapter() {
        return adapter(pg.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(5), false);
    }

    private PaymentGatewayHttpAdapter adapter(URI base, Duration connect, Duration read, boolean idempotencyKeys) {
        return new PaymentGatewayHttpAdapter(
                new PaymentGatewayProperties(base, SECRET, connect, read, idempotencyKeys), registry);
    }

    // confirm

    @Test
    void confirm_whenThePgAnswersDone_approvesWithItsKeyAmountAndInstant() {
        pg.answer(200, DONE);

        Outcome outcome = adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(outcome).isEqualTo(new Approved(PAYMENT_KEY, 10_000, Instant.parse("2026-12-07T01:00:00Z")));
    }

    @Test
    void confirm_postsKeyOrderIdAndAmountAsJson() {
        pg.answer(200, DONE);

        adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        StandInGateway.Received request = pg.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/v1/payments/confirm");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("paymentKey", "orderId", "amount");
        assertThat(body.get("paymentKey").stringValue()).isEqualTo(PAYMENT_KEY);
        assertThat(body.get("orderId").stringValue()).isEqualTo(PAYMENT_ID);
        assertThat(body.get("amount").isIntegralNumber()).isTrue();
        assertThat(body.get("amount").longValue()).isEqualTo(10_000);
    }

    @Test
    void everyCall_isAuthorizedWithBasicOfTheSecretAndAColon() {
        pg.answer(200, DONE);
        PaymentGatewayHttpAdapter adapter = adapter();

        adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        adapter.lookUp(PAYMENT_ID);
        adapter.cancel(PAYMENT_KEY, "cap reached");

        assertThat(pg.received()).hasSize(3)
                .allSatisfy(request -> assertThat(request.header("Authorization")).isEqualTo(BASIC));
    }

    @Test
    void confirm_withoutIdempotencyKeysConfigured_sendsNone() {
        pg.answer(200, DONE);

        adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(pg.onlyRequest().header("Idempotency-Key")).isNull();
    }

    @Test
    void confirm_withIdempotencyKeysConfigured_sendsThePaymentIdAsTheKey() {
        pg.answer(200, DONE);

        adapter(pg.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(5), true).confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(pg.onlyRequest().header("Idempotency-Key")).isEqualTo(PAYMENT_ID);
    }

    @Test
    void lookUpAndCancel_neverSendAnIdempotencyKey() {
        pg.answer(200, DONE);
        PaymentGatewayHttpAdapter adapter = adapter(pg.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(5), true);

        adapter.lookUp(PAYMENT_ID);
        adapter.cancel(PAYMENT_KEY, "cap reached");

        assertThat(pg.received()).hasSize(2)
                .allSatisfy(request -> assertThat(request.header("Idempotency-Key")).isNull());
    }

    @Test
    void confirm_whenThePgRefuses_isRefusedWithItsCodeAndMessage() {
        pg.answer(403, """
                {"code": "REJECT_CARD_PAYMENT", "message": "한도초과 혹은 잔액부족으로 결제에 실패했습니다."}""");

        assertThat(adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000))
                .isEqualTo(new Refused("REJECT_CARD_PAYMENT", "한도초과 혹은 잔액부족으로 결제에 실패했습니다."));
    }

    @Test
    void confirm_whenThePgSaysAlreadyProcessed_isAlreadyProcessed() {
        pg.answer(400, """
                {"code": "ALREADY_PROCESSED_PAYMENT", "message": "이미 처리된 결제 입니다."}""");

        assertThat(adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000)).isEqualTo(new AlreadyProcessed());
    }

    @Test
    void confirm_whenThePgFailsWith500_isUnknownAndNotStillProcessed() {
        pg.answer(500, """
                {"code": "FAILED_INTERNAL_SYSTEM_PROCESSING", "message": "내부 시스템 처리 작업이 실패했습니다."}""");

        assertThat(adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000))
                .isInstanceOfSatisfying(Unknown.class, unknown -> assertThat(unknown.mayStillBeProcessed()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"paymentKey\": \"k\", \"status\": \"DONE\"", "not json", "",
            "{\"paymentKey\": \"k\", \"status\": \"DONE\", \"totalAmount\": 10000, \"approvedAt\": \"yesterday\"}",
            "{\"paymentKey\": \"k\", \"status\": \"DONE\", \"totalAmount\": \"10000\", "
                    + "\"approvedAt\": \"2026-12-07T10:00:00+09:00\"}",
            "{\"status\": \"DONE\", \"totalAmount\": 10000, \"approvedAt\": \"2026-12-07T10:00:00+09:00\"}"})
    void confirm_whenTheApprovalCannotBeRead_isUnknownAndMayStillBeProcessed(String body) {
        pg.answer(200, body);

        assertThat(adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000))
                .isInstanceOfSatisfying(Unknown.class, unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
    }

    @Test
    void confirm_whenARefusalCannotBeRead_isUnknownAndMayStillBeProcessed() {
        pg.answer(400, "<html>Bad Request</html>");

        assertThat(adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000))
                .isInstanceOfSatisfying(Unknown.class, unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
    }

    @Test
    void confirm_whenNoAnswerComesWithinTheReadTimeout_isUnknownAndMayStillBeProcessed_afterAboutTheTimeout() {
        pg.answer(StandInGateway.after(Duration.ofSeconds(3), StandInGateway.json(200, DONE)));
        PaymentGatewayHttpAdapter adapter = adapter(pg.baseUrl(), Duration.ofSeconds(1), Duration.ofMillis(300), false);

        long started = System.nanoTime();
        Outcome outcome = adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(outcome).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
        // the read timeout, not the call's outer bound (connect + read = 1.3 s) nor the PG's 3 s
        assertThat(tookMillis).isBetween(250L, 1_000L);
    }

    @Test
    void confirm_whenTheBodyTricklesPastTheTimeouts_isUnknownWithinConnectPlusRead() {
        pg.answer(StandInGateway.headersThenStall(Duration.ofSeconds(5)));
        PaymentGatewayHttpAdapter adapter = adapter(pg.baseUrl(), Duration.ofMillis(200), Duration.ofMillis(300), false);

        long started = System.nanoTime();
        Outcome outcome = adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(outcome).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
        assertThat(tookMillis).isBetween(400L, 2_000L);
    }

    @Test
    void confirm_whenTheConnectionIsRefused_isUnknownAndNotStillProcessed() throws IOException {
        URI nobody;
        try (ServerSocket closedSoon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + closedSoon.getLocalPort());
        }

        Outcome outcome = adapter(nobody, Duration.ofSeconds(1), Duration.ofSeconds(5), false)
                .confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(outcome).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isFalse());
    }

    @Test
    void confirm_whenTheConnectionBreaksAfterTheRequest_isUnknownAndMayStillBeProcessed() {
        pg.answer(StandInGateway.brokenConnection());

        Outcome outcome = adapter().confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(pg.received()).isNotEmpty();
        assertThat(outcome).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
    }

    @Test
    void onlyAConnectionNeverMadeProvesNothingWasSent() {
        assertThat(PaymentGatewayHttpAdapter.failure(new HttpConnectTimeoutException("connect timed out"))
                .mayStillBeProcessed()).isFalse();
        assertThat(PaymentGatewayHttpAdapter.failure(new IOException("wrapped", new ConnectException("refused")))
                .mayStillBeProcessed()).isFalse();
        assertThat(PaymentGatewayHttpAdapter.failure(new HttpTimeoutException("request timed out"))
                .mayStillBeProcessed()).isTrue();
        assertThat(PaymentGatewayHttpAdapter.failure(new IOException("Connection reset"))
                .mayStillBeProcessed()).isTrue();
    }

    // look-up

    @Test
    void lookUp_getsThePaymentByOrderId() {
        pg.answer(200, DONE);

        assertThat(adapter().lookUp(PAYMENT_ID))
                .isEqualTo(new Approved(PAYMENT_KEY, 10_000, Instant.parse("2026-12-07T01:00:00Z")));
        StandInGateway.Received request = pg.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/v1/payments/orders/" + PAYMENT_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CANCELED", "PARTIAL_CANCELED"})
    void lookUp_whenThePgHoldsItCancelled_isCanceled(String status) {
        pg.answer(200, payment(status));

        assertThat(adapter().lookUp(PAYMENT_ID)).isEqualTo(new Canceled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABORTED", "EXPIRED"})
    void lookUp_whenThePgHoldsItFailed_isRefusedWithTheStatusAsCode(String status) {
        pg.answer(200, payment(status));

        assertThat(adapter().lookUp(PAYMENT_ID)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IN_PROGRESS", "WAITING_FOR_DEPOSIT", "READY", "SOMETHING_NEW"})
    void lookUp_whenThePaymentIsNotFinal_isUnknownAndMayStillBeProcessed(String status) {
        pg.answer(200, payment(status));

        assertThat(adapter().lookUp(PAYMENT_ID)).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isTrue());
    }

    @Test
    void lookUp_whenThePgNeverApprovedIt_isNoApproval() {
        pg.answer(404, """
                {"code": "NOT_FOUND_PAYMENT", "message": "존재하지 않는 결제 정보 입니다."}""");

        assertThat(adapter().lookUp(PAYMENT_ID)).isEqualTo(new NoApproval());
    }

    @Test
    void lookUp_whenThePgRefusesTheLookUp_isUnknownNotARefusalOfThePayment() {
        pg.answer(401, """
                {"code": "UNAUTHORIZED_KEY", "message": "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."}""");

        assertThat(adapter().lookUp(PAYMENT_ID)).isInstanceOfSatisfying(Unknown.class,
                unknown -> assertThat(unknown.mayStillBeProcessed()).isFalse());
    }

    @Test
    void lookUp_when404NamesAnotherCode_isUnknown() {
        pg.answer(404, """
                {"code": "NOT_FOUND", "message": "no such route"}""");

        assertThat(adapter().lookUp(PAYMENT_ID)).isInstanceOf(Unknown.class);
    }

    @Test
    void lookUp_whenThePgFails_isUnknown() {
        pg.answer(503, "");

        assertThat(adapter().lookUp(PAYMENT_ID)).isInstanceOf(Unknown.class);
    }

    // cancel

    @Test
    void cancel_postsTheReasonToTheEncodedPaymentKey_andIsCanceled() {
        pg.answer(200, payment("CANCELED"));

        Outcome outcome = adapter().cancel("key with/slash", "The balance cap was reached");

        assertThat(outcome).isEqualTo(new Canceled());
        StandInGateway.Received request = pg.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/v1/payments/key%20with%2Fslash/cancel");
        JsonNode body = json.readTree(request.body());
        assertThat(body.propertyNames()).containsExactly("cancelReason");
        assertThat(body.get("cancelReason").stringValue()).isEqualTo("The balance cap was reached");
    }

    @Test
    void cancel_whenAlreadyCancelled_isRefusedWithThatCode() {
        pg.answer(400, """
                {"code": "ALREADY_CANCELED_PAYMENT", "message": "이미 취소된 결제 입니다."}""");

        assertThat(adapter().cancel(PAYMENT_KEY, "cap")).isEqualTo(
                new Refused("ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다."));
    }

    @Test
    void cancel_whenThePgFails_isUnknown() {
        pg.answer(500, "{}");

        assertThat(adapter().cancel(PAYMENT_KEY, "cap")).isInstanceOf(Unknown.class);
    }

    @Test
    void aBaseUrlWithATrailingSlash_stillReachesTheSamePaths() {
        pg.answer(200, DONE);

        adapter(URI.create(pg.baseUrl() + "/"), Duration.ofSeconds(1), Duration.ofSeconds(5), false)
                .confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);

        assertThat(pg.onlyRequest().rawPath()).isEqualTo("/v1/payments/confirm");
    }

    // metrics

    @Test
    void everyCall_isTimedByCallAndOutcome() {
        PaymentGatewayHttpAdapter adapter = adapter();
        pg.answer(StandInGateway.after(Duration.ofMillis(200), StandInGateway.json(200, DONE)));
        adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        pg.answer(200, DONE);
        adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        pg.answer(400, "{\"code\": \"ALREADY_PROCESSED_PAYMENT\", \"message\": \"\"}");
        adapter.confirm(PAYMENT_KEY, PAYMENT_ID, 10_000);
        pg.answer(404, "{\"code\": \"NOT_FOUND_PAYMENT\", \"message\": \"\"}");
        adapter.lookUp(PAYMENT_ID);
        pg.answer(500, "{}");
        adapter.cancel(PAYMENT_KEY, "cap");

        assertThat(timer("confirm", "approved").count()).isEqualTo(2);
        assertThat(timer("confirm", "approved").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
        assertThat(timer("confirm", "already_processed").count()).isEqualTo(1);
        assertThat(timer("lookup", "no_approval").count()).isEqualTo(1);
        assertThat(timer("cancel", "unknown").count()).isEqualTo(1);
        assertThat(registry.find(PaymentGatewayHttpAdapter.METRIC).timers()).hasSize(4);
    }

    private Timer timer(String call, String outcome) {
        Timer timer = registry.find(PaymentGatewayHttpAdapter.METRIC).tag("call", call).tag("outcome", outcome).timer();
        assertThat(timer).as("timer of %s %s", call, outcome).isNotNull();
        return timer;
    }

    @Test
    void theSecretKey_appearsNowhereItCouldBePrinted() {
        PaymentGatewayProperties properties = new PaymentGatewayProperties(pg.baseUrl(), SECRET, null, null, true);

        assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain(BASIC.substring(6))
                .contains(pg.baseUrl().toString());
        assertThat(new PaymentGatewayHttpAdapter(properties, registry).toString())
                .doesNotContain(SECRET).doesNotContain(BASIC.substring(6));
    }

    private static String payment(String status) {
        return """
                {"paymentKey": "tgen_20261207abcdef", "orderId": "pay_0001abcd", "status": "%s",
                 "totalAmount": 10000, "approvedAt": null}""".formatted(status);
    }
}

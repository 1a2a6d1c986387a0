package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.adapter.in.web.FakeUseCases;
import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.adapter.in.web.testing.TestTokens;
import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PaymentControllerTest extends WebSliceTest {

    private static final String PAYMENTS = "/api/v1/users/7/points/payments";
    private static final String PAYMENT = PAYMENTS + "/" + FakeUseCases.PAYMENT_ID;
    private static final String CONFIRM = PAYMENT + "/confirm";
    private static final String CONFIRM_BODY = "{\"paymentKey\": \"tgen_key-1\", \"amount\": 10000}";

    private static String userToken(long userId) {
        return TestTokens.bearer(TestTokens.standard().user(userId));
    }

    @Test
    void create_answers201WithLocationAndTheReadyPayment() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 10000}"))
                .andExpect(status().isCreated())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost" + PAYMENT))
                .andExpect(content().json("""
                        {"paymentId": "pay_3q2-Xk9ZbVt0aLwE1cYr", "userId": 7, "amount": 10000, "status": "READY",
                         "createdAt": "2025-06-01T09:31:00Z"}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new CreatePaymentCommand(7, 10_000));
    }

    @Test
    void create_byTheUserThemself_actsAsThatUser() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 1}")
                        .header(HttpHeaders.AUTHORIZATION, userToken(7)))
                .andExpect(status().isCreated());

        assertThat(useCases.lastActor()).isEqualTo(Actor.user(7));
    }

    @Test
    void create_forAnotherUser_answers403() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 10000}")
                        .header(HttpHeaders.AUTHORIZATION, userToken(8)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void create_whenAmountIsOverTheLimit_answers400NamingTheAmount() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": " + (Limits.CHARGE_MAX + 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: amount must be less than or equal to 1000000",
                         "instance": "/api/v1/users/7/points/payments", "code": "INVALID_REQUEST",
                         "errors": [{"field": "amount", "reason": "must be less than or equal to 1000000"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void create_whenAmountIsZero_answers400NamingTheAmount() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "amount", "reason": "must be greater than or equal to 1"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void create_whenBodyHasAnUnknownField_answers400NamingTheField() throws Exception {
        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 10000, \"paymentKey\": \"k\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "paymentKey", "reason": "is not a known field"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void create_whenUserIdIsNotPositive_answers400BeforeJudgingTheCaller() throws Exception {
        mvc.perform(post("/api/v1/users/0/points/payments").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 10000}").header(HttpHeaders.AUTHORIZATION, userToken(8)))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "userId", "reason": "must be a positive id"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void create_whenTheBalanceCapWouldBePassed_answers409() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.POINT_LIMIT_EXCEEDED,
                "A balance can never exceed 100000000"));

        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 10000}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("POINT_LIMIT_EXCEEDED"));
    }

    @Test
    void create_whenPaymentsAreDisabled_answers503WithoutRetryAfter() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENTS_DISABLED,
                "Payments are off: this deployment has no payment gateway"));

        mvc.perform(post(PAYMENTS).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 10000}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:payments-disabled", "title": "Service Unavailable",
                         "status": 503, "detail": "Payments are off: this deployment has no payment gateway",
                         "instance": "/api/v1/users/7/points/payments", "code": "PAYMENTS_DISABLED"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void confirm_answers200WithTheCreditedPayment() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().doesNotExist(HttpHeaders.LOCATION))
                .andExpect(content().json("""
                        {"paymentId": "pay_3q2-Xk9ZbVt0aLwE1cYr", "userId": 7, "amount": 10000, "status": "DONE",
                         "balance": 11000, "approvedAt": "2025-06-01T09:32:00Z"}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest())
                .isEqualTo(new ConfirmPaymentCommand(7, FakeUseCases.PAYMENT_ID, "tgen_key-1", 10_000));
    }

    @Test
    void confirm_withAPaymentKeyOfTheMaximumLength_isAccepted() throws Exception {
        String key = "k".repeat(Payment.PAYMENT_KEY_MAX);

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentKey\": \"" + key + "\", \"amount\": 10000}"))
                .andExpect(status().isOk());
    }

    @ParameterizedTest(name = "paymentId {0}")
    @ValueSource(strings = {"pay_1", "pay 123456", "pay.123456",
            "p1234567890123456789012345678901234567890123456789012345678901234"})
    void confirm_whenPaymentIdIsMalformed_answers400NamingIt(String paymentId) throws Exception {
        mvc.perform(post(PAYMENTS + "/" + paymentId + "/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(CONFIRM_BODY))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "paymentId",
                                     "reason": "must be 6 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void confirm_withTheShortestAndLongestPaymentIds_isAccepted() throws Exception {
        for (String paymentId : new String[] {"a_-Z09", "x".repeat(64)}) {
            mvc.perform(post(PAYMENTS + "/" + paymentId + "/confirm").contentType(MediaType.APPLICATION_JSON)
                            .content(CONFIRM_BODY))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.paymentId").value(paymentId));
        }
    }

    @Test
    void confirm_whenPaymentKeyIsMissing_answers400NamingIt() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 10000}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "paymentKey", "reason": "must not be blank"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void confirm_whenPaymentKeyIsBlank_answers400NamingIt() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentKey\": \"  \", \"amount\": 10000}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "paymentKey", "reason": "must not be blank"}]}
                        """));
    }

    @Test
    void confirm_whenPaymentKeyIsTooLong_answers400NamingIt() throws Exception {
        String key = "k".repeat(Payment.PAYMENT_KEY_MAX + 1);

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentKey\": \"" + key + "\", \"amount\": 10000}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "paymentKey", "reason": "size must be between 1 and 200"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void confirm_whenAmountIsMissing_answers400NamingIt() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content("{\"paymentKey\": \"k\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "amount", "reason": "must not be null"}]}
                        """));
    }

    @Test
    void confirm_whenBodyIsNotJson_answers415() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.TEXT_PLAIN).content("paymentKey=k"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void confirm_forAnotherUser_answers403() throws Exception {
        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY)
                        .header(HttpHeaders.AUTHORIZATION, userToken(8)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void confirm_forAnotherUserWithAMalformedPaymentId_answers400First() throws Exception {
        mvc.perform(post(PAYMENTS + "/bad!id/confirm").contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY)
                        .header(HttpHeaders.AUTHORIZATION, userToken(8)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("paymentId"));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void confirm_whenThePaymentIsUnknown_answers404() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENT_NOT_FOUND, "No payment pay_nowhere"));

        mvc.perform(post(PAYMENTS + "/pay_nowhere/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(CONFIRM_BODY))
                .andExpect(status().isNotFound())
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:payment-not-found", "title": "Not Found", "status": 404,
                         "detail": "No payment pay_nowhere", "instance": "/api/v1/users/7/points/payments/pay_nowhere/confirm",
                         "code": "PAYMENT_NOT_FOUND"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void confirm_whenTheAmountIsNotThePayments_answers409() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENT_AMOUNT_MISMATCH,
                "The payment pay_3q2-Xk9ZbVt0aLwE1cYr is of 10000, not 9000"));

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentKey\": \"tgen_key-1\", \"amount\": 9000}"))
                .andExpect(status().isConflict())
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.code").value("PAYMENT_AMOUNT_MISMATCH"))
                .andExpect(jsonPath("$.type").value("urn:ecommerce:problem:payment-amount-mismatch"));
    }

    @Test
    void confirm_whenTheGatewayDeclines_answers409WithTheGatewaysCode() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENT_DECLINED,
                "The payment gateway declined the payment pay_3q2-Xk9ZbVt0aLwE1cYr",
                Map.of("pgCode", FakeUseCases.PG_CODE)));

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:payment-declined", "title": "Conflict", "status": 409,
                         "detail": "The payment gateway declined the payment pay_3q2-Xk9ZbVt0aLwE1cYr",
                         "instance": "/api/v1/users/7/points/payments/pay_3q2-Xk9ZbVt0aLwE1cYr/confirm",
                         "code": "PAYMENT_DECLINED", "pgCode": "REJECT_CARD_COMPANY"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void confirm_whenTheOutcomeIsUnknown_answers503WithTheExceptionsRetryAfterAndHidesIt() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENT_OUTCOME_UNKNOWN,
                "The payment pay_3q2-Xk9ZbVt0aLwE1cYr did not get an answer from the payment gateway in time",
                Map.of("retryAfterSeconds", 7L)));

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:payment-outcome-unknown", "title": "Service Unavailable",
                         "status": 503,
                         "detail": "The payment pay_3q2-Xk9ZbVt0aLwE1cYr did not get an answer from the payment gateway in time",
                         "instance": "/api/v1/users/7/points/payments/pay_3q2-Xk9ZbVt0aLwE1cYr/confirm",
                         "code": "PAYMENT_OUTCOME_UNKNOWN"}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void confirm_whenTheLockTimesOut_answers503WithTheDefaultRetryAfter() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.LOCK_TIMEOUT, "Could not lock user 7 in time"));

        mvc.perform(post(CONFIRM).contentType(MediaType.APPLICATION_JSON).content(CONFIRM_BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(jsonPath("$.code").value("LOCK_TIMEOUT"));
    }

    @Test
    void get_answersAnUnfinishedFieldAsNullAndTheGatewaysCode() throws Exception {
        mvc.perform(get(PAYMENT))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"paymentId": "pay_3q2-Xk9ZbVt0aLwE1cYr", "userId": 7, "amount": 1000, "status": "DECLINED",
                         "createdAt": "2025-06-01T09:31:00Z", "balance": null, "approvedAt": null,
                         "pgCode": "REJECT_CARD_COMPANY"}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(FakeUseCases.PAYMENT_ID);
    }

    @Test
    void get_answersADonePaymentWithItsCredit() throws Exception {
        mvc.perform(get(PAYMENTS + "/" + FakeUseCases.DONE_PAYMENT_ID).header(HttpHeaders.AUTHORIZATION,
                        userToken(7)))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"paymentId": "pay_done_0001", "userId": 7, "amount": 1000, "status": "DONE",
                         "createdAt": "2025-06-01T09:31:00Z", "balance": 2000, "approvedAt": "2025-06-01T09:32:00Z",
                         "pgCode": null}
                        """, JsonCompareMode.STRICT));
    }

    @Test
    void get_forAnotherUser_answers403() throws Exception {
        mvc.perform(get(PAYMENT).header(HttpHeaders.AUTHORIZATION, userToken(8)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void get_withABadUserIdAndABadPaymentId_answers400NamingBoth() throws Exception {
        mvc.perform(get("/api/v1/users/-1/points/payments/short"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: userId must be a positive id; paymentId must be 6 to 64 characters of A-Z, a-z, 0-9, '_' and '-'",
                         "instance": "/api/v1/users/-1/points/payments/short", "code": "INVALID_REQUEST",
                         "errors": [{"field": "userId", "reason": "must be a positive id"},
                                    {"field": "paymentId",
                                     "reason": "must be 6 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void get_whenUserIdIsNotANumber_answers400NamingIt() throws Exception {
        mvc.perform(get("/api/v1/users/abc/points/payments/" + FakeUseCases.PAYMENT_ID))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("userId"));
    }

    @Test
    void get_whenPaymentsAreDisabled_answers503WithoutRetryAfter() throws Exception {
        useCases.failNextCallWith(new DomainException(ErrorCode.PAYMENTS_DISABLED, "Payments are off"));

        mvc.perform(get(PAYMENT))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.code").value("PAYMENTS_DISABLED"));
    }
}

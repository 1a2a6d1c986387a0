package com.ecommerce.adapter.in.web.point;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PointControllerTest extends WebSliceTest {

    private static final String CHARGE = "/api/v1/users/1/points/charge";

    @Test
    void charge_withAValidAmount_answers200WithTheNewBalance() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 500}"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().doesNotExist("Location"))
                .andExpect(content().json("{\"userId\": 1, \"balance\": 1500}", JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new ChargePointCommand(1, 500, null));
    }

    @Test
    void charge_withAnIdempotencyKey_handsTheKeyToTheUseCase() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 500}")
                        .header("Idempotency-Key", "charge-1_A"))
                .andExpect(status().isOk());

        assertThat(useCases.lastRequest())
                .isEqualTo(new ChargePointCommand(1, 500, new IdempotencyKey("charge-1_A")));
    }

    @Test
    void charge_whenAmountIsOverTheLimit_answers400NamingTheAmount() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": " + (Limits.CHARGE_MAX + 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: amount must be less than or equal to 1000000",
                         "instance": "/api/v1/users/1/points/charge", "code": "INVALID_REQUEST",
                         "errors": [{"field": "amount", "reason": "must be less than or equal to 1000000"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void charge_whenAmountIsOverTheLimit_answersTheSameBytesEveryTime() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": " + (Limits.CHARGE_MAX + 1) + "}"))
                .andExpect(content().string("{\"detail\":\"The request is invalid: amount must be less than or equal"
                        + " to 1000000\",\"instance\":\"/api/v1/users/1/points/charge\",\"status\":400,"
                        + "\"title\":\"Bad Request\",\"type\":\"urn:ecommerce:problem:invalid-request\","
                        + "\"code\":\"INVALID_REQUEST\","
                        + "\"errors\":[{\"field\":\"amount\",\"reason\":\"must be less than or equal to 1000000\"}]}"));
    }

    @Test
    void charge_whenAmountIsMissing_answers400NamingTheAmount() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "amount", "reason": "must not be null"}]}
                        """));
    }

    @Test
    void charge_whenBodyHasAnUnknownField_answers400NamingTheField() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 5, \"bonus\": 5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "bonus", "reason": "is not a known field"}]}
                        """));
    }

    @Test
    void charge_whenAmountIsAFraction_answers400RatherThanTruncating() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 1.9}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST",
                         "errors": [{"field": "amount", "reason": "has the wrong type or is out of range"}]}
                        """));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void charge_whenBodyIsNotWellFormedJson_answers400NamingTheBody() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "body", "reason": "is not well-formed JSON"}]}
                        """));
    }

    @Test
    void charge_whenUserIdIsNotANumber_answers400NamingThePathVariable() throws Exception {
        mvc.perform(post("/api/v1/users/abc/points/charge").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 500}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: must be a number in range",
                         "instance": "/api/v1/users/abc/points/charge", "code": "INVALID_REQUEST",
                         "errors": [{"field": "userId", "reason": "must be a number in range"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void charge_whenIdempotencyKeyIsMalformed_answers400NamingTheHeader() throws Exception {
        mvc.perform(post(CHARGE).contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 500}")
                        .header("Idempotency-Key", "not a key!"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: Idempotency-Key must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'",
                         "instance": "/api/v1/users/1/points/charge", "code": "INVALID_REQUEST",
                         "errors": [{"field": "Idempotency-Key",
                                     "reason": "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void balance_answers200WithTheBalance() throws Exception {
        mvc.perform(get("/api/v1/users/4/points"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"userId\": 4, \"balance\": 1000}", JsonCompareMode.STRICT));
    }

    @Test
    void history_withoutPaging_asksForTheFirstPageOfTheDefaultSize() throws Exception {
        mvc.perform(get("/api/v1/users/1/points/history"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"content": [{"type": "CHARGE", "amount": 1000, "balanceAfter": 1000, "orderId": null,
                                      "paymentId": "pay_3q2-Xk9ZbVt0aLwE1cYr", "createdAt": "2025-06-01T09:31:00Z"}],
                         "page": 0, "size": 20, "totalElements": 1}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isEqualTo(new PageQuery(0, PageQuery.SIZE_DEFAULT));
    }

    @Test
    void history_whenSizeIsOverTheMaximum_answers400NamingSize() throws Exception {
        mvc.perform(get("/api/v1/users/1/points/history").param("size", String.valueOf(PageQuery.SIZE_MAX + 1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json("""
                        {"type": "urn:ecommerce:problem:invalid-request", "title": "Bad Request", "status": 400,
                         "detail": "The request is invalid: size must be between 1 and 100",
                         "instance": "/api/v1/users/1/points/history", "code": "INVALID_REQUEST",
                         "errors": [{"field": "size", "reason": "must be between 1 and 100"}]}
                        """, JsonCompareMode.STRICT));

        assertThat(useCases.lastRequest()).isNull();
    }

    @Test
    void history_whenPageIsTooLargeForAnInt_answers400NamingPage() throws Exception {
        mvc.perform(get("/api/v1/users/1/points/history").param("page", "2147483648"))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("""
                        {"code": "INVALID_REQUEST", "errors": [{"field": "page", "reason": "must be a number in range"}]}
                        """));
    }
}

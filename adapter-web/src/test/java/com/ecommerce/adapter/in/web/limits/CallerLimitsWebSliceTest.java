package com.ecommerce.adapter.in.web.limits;

import com.ecommerce.adapter.in.web.WebSliceTest;
import com.ecommerce.adapter.in.web.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The limits per caller in the web adapter, with a burst of 3 and a rate of 1 a second: a caller past them gets
 * {@code 429 RATE_LIMITED} with {@code Retry-After} and no use case runs; other callers, and administrators, are not
 * touched; {@code 401} still comes first, and {@code 429} before {@code 413} and {@code 400}.
 */
@TestPropertySource(properties = {"ecommerce.limits.concurrent-per-caller=4", "ecommerce.limits.rate-per-caller=1",
        "ecommerce.limits.burst-per-caller=3"})
class CallerLimitsWebSliceTest extends WebSliceTest {

    private final TestTokens tokens = TestTokens.standard();

    private ResultActions balance(long userId, String authorization) throws Exception {
        return mvc.perform(get("/api/v1/users/" + userId + "/points").header(HttpHeaders.AUTHORIZATION, authorization));
    }

    private String user(long userId) {
        return TestTokens.bearer(tokens.user(userId));
    }

    private static void assertRateLimited(ResultActions result) throws Exception {
        result.andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.status").value(429));
    }

    @Test
    void aCallerPastItsBurst_gets429_andNothingRuns_whileOthersAreServed() throws Exception {
        for (int i = 0; i < 3; i++) {
            balance(7, user(7)).andExpect(status().isOk());
        }
        useCases.reset();
        assertRateLimited(balance(7, user(7)));
        assertThat(useCases.lastRequest()).as("the use case, after a 429").isNull();

        balance(8, user(8)).andExpect(status().isOk());
        for (int i = 0; i < 10; i++) {
            balance(7, TestTokens.bearer(tokens.admin())).andExpect(status().isOk());
        }
    }

    @Test
    void unauthenticatedComesFirst_and429BeforeABodyTooLargeOrInvalid() throws Exception {
        for (int i = 0; i < 3; i++) {
            balance(9, user(9)).andExpect(status().isOk());
        }
        balance(9, "Bearer not.a.jwt").andExpect(status().isUnauthorized());
        assertRateLimited(mvc.perform(post("/api/v1/users/9/points/charge").header(HttpHeaders.AUTHORIZATION, user(9))
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": 0}")));
        assertRateLimited(mvc.perform(post("/api/v1/users/9/points/charge").header(HttpHeaders.AUTHORIZATION, user(9))
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\": " + "1".repeat(70_000) + "}")));
    }

    @Test
    void anonymousCallers_areCountedByTheirAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/v1/items").header(HttpHeaders.AUTHORIZATION, "").with(request -> {
                request.setRemoteAddr("203.0.113.5");
                request.removeHeader(HttpHeaders.AUTHORIZATION);
                return request;
            })).andExpect(status().isOk());
        }
        assertRateLimited(mvc.perform(get("/api/v1/items").with(request -> {
            request.setRemoteAddr("203.0.113.5");
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        })));
        mvc.perform(get("/api/v1/items").with(request -> {
            request.setRemoteAddr("203.0.113.6");
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        })).andExpect(status().isOk());
    }
}

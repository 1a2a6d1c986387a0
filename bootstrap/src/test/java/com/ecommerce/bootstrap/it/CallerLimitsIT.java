package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api;
import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits per caller in the whole service (turned on here; the other integration tests turn them off): they
 * guard {@code /api/v1} only, so health checks, metrics scrapes and the OpenAPI document are answered however often
 * they come, and an exhausted caller's {@code 429} carries {@code Retry-After}.
 */
@TestPropertySource(properties = {"ecommerce.limits.enabled=true", "ecommerce.limits.rate-per-caller=2",
        "ecommerce.limits.burst-per-caller=5"})
class CallerLimitsIT extends IntegrationTest {

    @Test
    void theApiIsLimited_theActuatorAndTheDocumentAreNot() {
        long userId = api.newUser("limited");
        Api user = api.asUser(userId);
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response r = user.get("/api/v1/users/" + userId + "/points");
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).as("a 429 within 10 requests, with a burst of 5").isNotNull();
        assertThat(served).isBetween(5, 6);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        for (int i = 0; i < 20; i++) {
            assertThat(user.get("/actuator/health").status()).isEqualTo(200);
            assertThat(user.get("/v3/api-docs").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/users/" + userId + "/points").status()).as("the administrator").isEqualTo(200);
        }
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.DbSnapshot;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ecommerce.points.self-charge=false}, the default with a database profile: a user's own direct charge is
 * {@code 403 FORBIDDEN} and changes nothing, with or without an idempotency key; the administrator's credit lands.
 */
@TestPropertySource(properties = "ecommerce.points.self-charge=false")
class SelfChargeOffIT extends IntegrationTest {

    @Test
    void aUsersOwnCharge_isForbidden_andTheBackOfficeCreditLands() {
        long userId = api.newUser("pays by card");
        String charge = "/api/v1/users/" + userId + "/points/charge";
        DbSnapshot before = snapshot();

        Response own = api.asUser(userId).post(charge, "{\"amount\":1000}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("FORBIDDEN");
        Response keyed = api.asUser(userId).post(charge, "{\"amount\":1000}", "Idempotency-Key", "top-up-0001");
        assertThat(keyed.status()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);

        Response credit = api.post(charge, "{\"amount\":1000}");
        assertThat(credit.status()).isEqualTo(200);
        assertThat(credit.json().path("balance").asLong()).isEqualTo(1000);
        // a bad amount is still 400 before the 403 (the contract's precedence)
        assertThat(api.asUser(userId).post(charge, "{\"amount\":0}").status()).isEqualTo(400);
    }
}

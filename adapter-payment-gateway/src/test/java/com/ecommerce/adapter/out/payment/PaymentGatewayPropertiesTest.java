package com.ecommerce.adapter.out.payment;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class PaymentGatewayPropertiesTest {

    private static final URI BASE = URI.create("https://pg.example.test");

    @Test
    void timeoutsLeftOut_areOneSecondToConnectAndFiveToRead() {
        PaymentGatewayProperties properties = new PaymentGatewayProperties(BASE, "sk", null, null, false);

        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.timings().call()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aZeroOrNegativeTimeout_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new PaymentGatewayProperties(BASE, "sk", Duration.ZERO, null, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new PaymentGatewayProperties(BASE, "sk", null, Duration.ofSeconds(-1), false));
    }

    @Test
    void aMissingSecretKeyOrBaseUrl_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentGatewayProperties(BASE, " ", null, null, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentGatewayProperties(BASE, null, null, null, false));
        assertThatNullPointerException().isThrownBy(() -> new PaymentGatewayProperties(null, "sk", null, null, false));
    }

    @Test
    void aBaseUrlThatIsNotHttp_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new PaymentGatewayProperties(URI.create("ftp://pg.example.test"), "sk", null, null, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new PaymentGatewayProperties(URI.create("/v1"), "sk", null, null, false));
    }
}

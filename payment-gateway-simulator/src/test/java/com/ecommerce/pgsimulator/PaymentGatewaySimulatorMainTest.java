package com.ecommerce.pgsimulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PaymentGatewaySimulatorMainTest {

    @Test
    void settings_withoutArguments_areAFreePortTheTestKeyAndTheDefaultRange() {
        assertThat(PaymentGatewaySimulatorMain.settings()).isEqualTo(
                new Settings(0, "test_sk_simulator", Duration.ofMillis(300), Duration.ofMillis(2000)));
    }

    @Test
    void settings_readEveryArgument() {
        assertThat(PaymentGatewaySimulatorMain.settings("--port=18080", "--secret-key=test_sk_other", "--latency=1s-3s"))
                .isEqualTo(new Settings(18080, "test_sk_other", Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    @Test
    void latency_ofOneValue_isFixed() {
        assertThat(PaymentGatewaySimulatorMain.latency("0ms")).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(PaymentGatewaySimulatorMain.latency("250ms")).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void settings_thatMakeNoSense_areRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentGatewaySimulatorMain.settings("--latency=2s-1s"));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentGatewaySimulatorMain.settings("--latency=fast"));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentGatewaySimulatorMain.settings("--port=70000"));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentGatewaySimulatorMain.settings("--secret-key="));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentGatewaySimulatorMain.settings("--verbose"));
    }
}

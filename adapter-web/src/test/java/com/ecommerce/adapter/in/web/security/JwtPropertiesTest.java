package com.ecommerce.adapter.in.web.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtPropertiesTest {

    @Test
    void aSecretUnder32Bytes_isRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties("x".repeat(31), null, null, null))
                .withMessageContaining("ecommerce.security.jwt.secret").withMessageContaining("31");
    }

    @Test
    void theLengthIsCountedInUtf8Bytes() {
        // 11 Hangul syllables are 33 bytes of UTF-8 but 11 characters
        assertThat(new JwtProperties("가".repeat(11), null, null, null).secret()).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties("가".repeat(10), null, null, null));
    }

    @Test
    void blankValues_countAsUnset() {
        JwtProperties properties = new JwtProperties("  ", " ", null, null);
        assertThat(properties.secret()).isNull();
        assertThat(properties.issuer()).isNull();
        assertThat(new JwtProperties(null, null, " ", null).audience()).isNull();
    }

    @Test
    void theMaximumLifetime_defaultsTo24Hours_andMustBePositive() {
        assertThat(new JwtProperties(null, null, null, null).maxLifetime()).isEqualTo(Duration.ofHours(24));
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties(null, null, null, Duration.ZERO))
                .withMessageContaining("max-lifetime");
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties(null, null, null,
                Duration.ofMinutes(-1)));
    }
}

package com.ecommerce.adapter.in.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtPropertiesTest {

    @Test
    void aSecretUnder32Bytes_isRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties("x".repeat(31), null))
                .withMessageContaining("ecommerce.security.jwt.secret").withMessageContaining("31");
    }

    @Test
    void theLengthIsCountedInUtf8Bytes() {
        // 11 Hangul syllables are 33 bytes of UTF-8 but 11 characters
        assertThat(new JwtProperties("가".repeat(11), null).secret()).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtProperties("가".repeat(10), null));
    }

    @Test
    void blankValues_countAsUnset() {
        JwtProperties properties = new JwtProperties("  ", " ");
        assertThat(properties.secret()).isNull();
        assertThat(properties.issuer()).isNull();
    }
}

package com.ecommerce.adapter.in.web.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JwtClaimRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "42", "9223372036854775807"})
    void decimalIdsOfALong_areUserIds(String sub) {
        assertThat(JwtClaimRules.isUserId(sub)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "kim", "-1", "+1", "1.0", " 1", "1 ", "0x1F", "9223372036854775808",
            "99999999999999999999", "١٢"})
    void anythingElse_isNot(String sub) {
        assertThat(JwtClaimRules.isUserId(sub)).isFalse();
    }
}

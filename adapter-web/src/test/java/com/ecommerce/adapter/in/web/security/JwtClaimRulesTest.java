package com.ecommerce.adapter.in.web.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class JwtClaimRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

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

    private static boolean accepted(JwtProperties properties, UnaryOperator<Jwt.Builder> claims) {
        OAuth2TokenValidator<Jwt> rules = JwtClaimRules.of(properties, CLOCK);
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("7").issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1)));
        return !rules.validate(claims.apply(jwt).build()).hasErrors();
    }

    @Test
    void anExpiryPastTheMaximumLifetime_isRefused() {
        JwtProperties sixHours = new JwtProperties(null, null, null, Duration.ofHours(6));

        assertThat(accepted(sixHours, jwt -> jwt.expiresAt(NOW.plus(Duration.ofHours(6))))).isTrue();
        assertThat(accepted(sixHours, jwt -> jwt.expiresAt(NOW.plus(Duration.ofHours(6)).plusSeconds(60)))).isTrue();
        assertThat(accepted(sixHours, jwt -> jwt.expiresAt(NOW.plus(Duration.ofHours(6)).plusSeconds(61)))).isFalse();
        assertThat(accepted(new JwtProperties(null, null, null, null),
                jwt -> jwt.expiresAt(NOW.plus(Duration.ofDays(365))))).as("a year, with the default 24 h").isFalse();
    }

    @Test
    void aConfiguredAudience_mustBeAmongTheTokensAud() {
        JwtProperties shop = new JwtProperties(null, null, "order-service", null);

        assertThat(accepted(shop, jwt -> jwt.audience(List.of("order-service")))).isTrue();
        assertThat(accepted(shop, jwt -> jwt.audience(List.of("billing", "order-service")))).isTrue();
        assertThat(accepted(shop, jwt -> jwt.audience(List.of("billing")))).isFalse();
        assertThat(accepted(shop, jwt -> jwt)).as("no aud at all").isFalse();
        assertThat(accepted(new JwtProperties(null, null, null, null), jwt -> jwt)).as("no audience configured").isTrue();
    }
}

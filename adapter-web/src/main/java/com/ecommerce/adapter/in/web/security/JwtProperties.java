package com.ecommerce.adapter.in.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;

/**
 * {@code ecommerce.security.jwt.*}: {@code secret}, an HMAC key for HS256 tokens (its UTF-8 bytes, at least 32 of
 * them), for self-contained deployments and tests; {@code issuer}, when set, the only {@code iss} accepted, whichever
 * source signs the tokens. Tokens of an identity provider are configured with Spring's standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties instead of a secret.
 */
@ConfigurationProperties("ecommerce.security.jwt")
public record JwtProperties(String secret, String issuer) {

    public static final int MIN_SECRET_BYTES = 32;

    public JwtProperties {
        // blank is unset, as for the start-up guard: an empty environment variable must not become a key
        if (secret != null && secret.isBlank()) {
            secret = null;
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("ecommerce.security.jwt.secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8) for HS256; it has " + secret.getBytes(StandardCharsets.UTF_8).length);
        }
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
    }
}

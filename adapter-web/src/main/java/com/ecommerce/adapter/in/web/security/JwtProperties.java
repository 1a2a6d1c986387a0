package com.ecommerce.adapter.in.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code ecommerce.security.jwt.*}: {@code secret}, an HMAC key for HS256 tokens (its UTF-8 bytes, at least 32 of
 * them), for self-contained deployments and tests; {@code issuer}, when set, the only {@code iss} accepted, whichever
 * source signs the tokens; {@code audience}, when set, a value the token's {@code aud} must contain (required, with
 * the issuer, when an identity provider signs: its tokens for other services must not open this one);
 * {@code max-lifetime} (default 24 h), how far in the future a token's {@code exp} may lie, so that a token minted to
 * last a year is refused rather than trusted for a year. Tokens of an identity provider are configured with Spring's
 * standard {@code spring.security.oauth2.resourceserver.jwt.*} properties instead of a secret.
 */
@ConfigurationProperties("ecommerce.security.jwt")
public record JwtProperties(String secret, String issuer, String audience,
                            @DefaultValue("24h") Duration maxLifetime) {

    public static final int MIN_SECRET_BYTES = 32;
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);


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
        if (audience != null && audience.isBlank()) {
            audience = null;
        }
        if (maxLifetime == null) {
            maxLifetime = DEFAULT_MAX_LIFETIME;
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("ecommerce.security.jwt.max-lifetime must be positive, not " + maxLifetime);
        }
    }
}

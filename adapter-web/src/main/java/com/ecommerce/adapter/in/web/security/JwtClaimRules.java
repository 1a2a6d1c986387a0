package com.ecommerce.adapter.in.web.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What this service asks of a token's claims, on top of Spring's defaults (a valid signature, {@code exp} and
 * {@code nbf} with 60 s of clock skew): {@code exp} must be there at all, {@code sub} must be a user id (a decimal
 * 64-bit integer, 0 or more), {@code roles} must be an array when present, {@code iat} must not lie in the future,
 * {@code exp} not further than the maximum lifetime, {@code iss} must match the configured issuer when one is set, and
 * {@code aud} must contain the configured audience when one is set. Whichever source signs the tokens (the HMAC
 * secret or an identity provider), these rules apply.
 */
public final class JwtClaimRules {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Pattern DECIMAL_ID = Pattern.compile("[0-9]{1,19}");

    private JwtClaimRules() {
    }

    public static OAuth2TokenValidator<Jwt> of(JwtProperties properties, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp == null
                || !exp.isAfter(clock.instant().plus(properties.maxLifetime()).plus(CLOCK_SKEW))));
        rules.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, JwtClaimRules::isUserId));
        // an array, as the contract says: Spring would also split a string on spaces, which nobody should rely on
        rules.add(new JwtClaimValidator<Object>(SecurityConfiguration.ROLES_CLAIM,
                roles -> roles == null || roles instanceof Collection<?>));
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                iat -> iat == null || !iat.isAfter(clock.instant().plus(CLOCK_SKEW))));
        if (properties.issuer() != null) {
            rules.add(new JwtIssuerValidator(properties.issuer()));
        }
        if (properties.audience() != null) {
            String audience = properties.audience();
            rules.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                    aud -> aud instanceof Collection<?> values ? values.contains(audience) : audience.equals(aud)));
        }
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    /** A decimal string of a long of 0 or more: what {@link ActorArgumentResolver} parses, so it never fails. */
    static boolean isUserId(String sub) {
        if (sub == null || !DECIMAL_ID.matcher(sub).matches()) {
            return false;
        }
        try {
            Long.parseLong(sub);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }
}

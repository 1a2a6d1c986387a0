package com.ecommerce.adapter.in.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers the tokens another decoder verified, so that a client sending the same token with every request pays
 * for its signature and claims once, not per request (the profile in docs/benchmarks/authentication.md: decoding
 * was most of what authentication cost). Only a token that passed every check is remembered; a remembered one is
 * checked again for time ({@code exp}, {@code nbf}, with the same 60 s of skew) on every use and verified afresh
 * once that fails; the rest of a token's claims cannot change, since they are signed. Entries are bounded in number
 * and kept at most {@code maxAge}, which bounds how long a token verified with a key the identity provider has since
 * withdrawn stays accepted (never past its own {@code exp}).
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator stillValid;

    public CachingJwtDecoder(JwtDecoder delegate, long maxTokens, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(maxAge).build();
        this.stillValid = new JwtTimestampValidator(JwtClaimRules.CLOCK_SKEW);
        this.stillValid.setClock(clock);
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null) {
            if (!stillValid.validate(remembered).hasErrors()) {
                return remembered;
            }
            verified.invalidate(token);
        }
        Jwt jwt = delegate.decode(token); // throws for any token it refuses: nothing is remembered then
        verified.put(token, jwt);
        return jwt;
    }
}

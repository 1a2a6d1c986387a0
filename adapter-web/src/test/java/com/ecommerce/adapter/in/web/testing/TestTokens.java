package com.ecommerce.adapter.in.web.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the tokens every test sends, signed (HS256) with the key the service under test is given as
 * {@code ecommerce.security.jwt.secret}: the tests go through the real filter chain and decoder, nothing is switched
 * off. Uses Nimbus JOSE + JWT only (the library Spring Security decodes with), so that the system tests and the
 * benchmark, which see the service from outside, can mint tokens without Spring. Also makes the hostile tokens.
 */
public final class TestTokens {

    /** A test-only key: never a real deployment's. At least 32 bytes, as HS256 requires. */
    public static final String SECRET = "test-only-hs256-key-for-the-order-service-0123456789";
    /** Another key of the same size, for tokens the service must reject. */
    public static final String OTHER_SECRET = "another-test-key-the-service-has-never-seen-987654321";
    public static final long ADMIN_SUB = 0;

    private final String secret;
    private final String issuer;
    private final List<String> audience;

    public TestTokens(String secret, String issuer) {
        this(secret, issuer, null);
    }

    private TestTokens(String secret, String issuer, List<String> audience) {
        this.secret = secret;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The same tokens with {@code aud} set to these values. */
    public TestTokens withAudience(String... audience) {
        return new TestTokens(secret, issuer, List.of(audience));
    }

    /** Tokens for a service configured with {@link #SECRET} and no issuer. */
    public static TestTokens standard() {
        return new TestTokens(SECRET, null);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token of one user, valid for an hour. */
    public String user(long userId) {
        return sign(claims(String.valueOf(userId), List.of()).build());
    }

    /** A metrics scraper's token ({@code roles: ["METRICS"]}), valid for an hour. */
    public String metrics() {
        return sign(claims("0", List.of("METRICS")).build());
    }

    /** An administrator's token, valid for an hour. */
    public String admin() {
        return sign(claims(String.valueOf(ADMIN_SUB), List.of("ADMIN")).build());
    }

    /** Valid claims to start from: {@code sub}, {@code roles}, {@code iat} now, {@code exp} in an hour. */
    public JWTClaimsSet.Builder claims(String sub, List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub).claim("roles", roles)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        if (audience != null) {
            claims.audience(audience);
        }
        return issuer == null ? claims : claims.issuer(issuer);
    }

    public String sign(JWTClaimsSet claims) {
        return signWith(secret, claims);
    }

    public static String signWith(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}

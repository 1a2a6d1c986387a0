package com.ecommerce.systemtest.support;

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
import java.util.Map;

/**
 * The bearer tokens of the system tests and the benchmark, signed (HS256) with the key every instance is started
 * with ({@link #instanceProperties()}), which also sets an issuer so that a wrong {@code iss} can be tried. The
 * system tests see the service from outside only, so this mints with Nimbus directly rather than borrowing the web
 * adapter's test helper (which does the same for the in-process tests).
 */
public final class Tokens {

    /** Test-only keys: never a deployment's. At least 32 bytes, as HS256 requires. */
    public static final String SECRET = "system-test-only-hs256-key-of-the-order-service-2026";
    public static final String OTHER_SECRET = "a-key-the-instances-have-never-seen-for-hs256-0000";
    public static final String ISSUER = "https://issuer.system-test.invalid";
    public static final long ADMIN_SUB = 0;

    private Tokens() {
    }

    /**
     * What every instance is started with: the key and issuer; users' own direct charges on (the races of one balance
     * charged by its user are under test; a database profile turns them off by default); and no limits per caller
     * (a hundred requests of one user at once are the races, not a flood; {@code CallerLimitsSystemIT} turns them on).
     */
    public static Map<String, String> instanceProperties() {
        return Map.of("ecommerce.security.jwt.secret", SECRET, "ecommerce.security.jwt.issuer", ISSUER,
                "ecommerce.points.self-charge", "true", "ecommerce.limits.enabled", "false");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String user(long userId) {
        return sign(claims(String.valueOf(userId), List.of()).build());
    }

    public static String admin() {
        return sign(claims(String.valueOf(ADMIN_SUB), List.of("ADMIN")).build());
    }

    /**
     * Valid claims to start from: {@code sub}, {@code roles}, the issuer, {@code iat} now, {@code exp} in 6 hours
     * (longer than a whole benchmark run).
     */
    public static JWTClaimsSet.Builder claims(String sub, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(sub).claim("roles", roles).issuer(ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(6))));
    }

    public static String sign(JWTClaimsSet claims) {
        return signWith(SECRET, claims);
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

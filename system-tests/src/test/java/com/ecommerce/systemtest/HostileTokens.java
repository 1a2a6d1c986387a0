package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Tokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The tokens {@link AuthBattery} attacks with, besides {@link Tokens}' own: signed with another algorithm, with a
 * header or payload swapped in under a valid signature, and padded to either side of the Authorization header's bound.
 */
final class HostileTokens {

    /** The bound of the whole Authorization header, past which a token is refused before it is decoded. */
    static final int MAX_HEADER_CHARS = 8192;

    private HostileTokens() {
    }

    static Date at(Instant now, long seconds) {
        return Date.from(now.plus(Duration.ofSeconds(seconds)));
    }

    /** The Authorization header of the claims, signed HS256 with the instances' key. */
    static String token(JWTClaimsSet.Builder claims) {
        return Tokens.bearer(Tokens.sign(claims.build()));
    }

    static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its JOSE header replaced, its payload and signature kept. */
    static String withHeader(String jwt, String header) {
        String[] parts = jwt.split("\\.");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
    }

    /** The first token's header and signature around the second token's payload. */
    static String withPayload(String jwt, String donor) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + donor.split("\\.")[1] + "." + parts[2];
    }

    /**
     * The Authorization header of a validly signed user token padded by a claim to the longest length within
     * {@link #MAX_HEADER_CHARS} ({@code over} false) or the shortest past it: Base64 grows by one or two characters
     * per byte, so these are at most two characters from the bound on either side.
     */
    static String paddedHeader(long userId, boolean over) {
        int unpadded = paddedWith(userId, 0).length();
        int pad = Math.max(0, (MAX_HEADER_CHARS - unpadded) * 3 / 4 - 8);
        String fits = paddedWith(userId, pad);
        if (fits.length() > MAX_HEADER_CHARS) {
            throw new IllegalStateException("the first guess of the padding is already too long: " + fits.length());
        }
        while (true) {
            String next = paddedWith(userId, ++pad);
            if (next.length() > MAX_HEADER_CHARS) {
                return over ? next : fits;
            }
            fits = next;
        }
    }

    private static String paddedWith(long userId, int pad) {
        return token(Tokens.claims(Long.toString(userId), List.of()).claim("pad", "x".repeat(pad)));
    }
}

package com.ecommerce.adapter.in.web.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * A decoder for HS256 tokens signed with a shared secret (its UTF-8 bytes), checking Spring's default claims
 * ({@code exp}, {@code nbf}, 60 s of skew) and the given rules. Only HS256 is accepted: {@code alg: none}, another
 * algorithm or another key fail.
 */
public final class HmacJwtDecoder {

    private HmacJwtDecoder() {
    }

    public static JwtDecoder create(String secret, OAuth2TokenValidator<Jwt> claimRules) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(claimRules));
        return decoder;
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.adapter.in.web.testing.TestTokens;
import com.ecommerce.bootstrap.OrderServiceApplication;
import com.ecommerce.bootstrap.support.Api;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's identity-provider mode: tokens signed (RS256) by a provider whose keys the service fetches from a JWK
 * set URL (served here by a JDK HTTP server). Spring Boot builds that decoder; the service's claim rules must apply
 * to it as to the HMAC one: without them a non-numeric {@code sub} would reach the controllers and fail as a 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityProviderIT {

    private static final String ISSUER = "https://idp.example.test/realms/shop";
    private static final String AUDIENCE = "order-service";

    @Test
    void tokensOfAnIdentityProvider_areVerifiedWithItsKeysAndTheServicesClaimRules(CapturedOutput output)
            throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:identity-provider;MODE=MySQL;"
                        + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                        + jwks.getAddress().getPort() + "/certs",
                "--ecommerce.security.jwt.issuer=" + ISSUER, "--ecommerce.security.jwt.audience=" + AUDIENCE)) {
            Api api = new Api("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            TestTokens claims = new TestTokens(TestTokens.SECRET, ISSUER).withAudience(AUDIENCE, "billing");

            Api kim = api.withAuthorization(rs256(key, claims.claims("1", List.of()).build()));
            assertThat(kim.get("/api/v1/users/1/points").json().path("balance").asLong()).isEqualTo(50_000);
            assertThat(kim.get("/api/v1/users/2/points").code()).isEqualTo("FORBIDDEN");
            assertThat(api.withAuthorization(rs256(key, claims.claims("0", List.of("ADMIN")).build()))
                    .get("/actuator/prometheus").status()).isEqualTo(200);

            for (JWTClaimsSet refused : List.of(claims.claims("kim", List.of()).build(),
                    claims.claims("1", List.of()).issuer("https://elsewhere.test").build(),
                    claims.claims("1", List.of()).expirationTime(null).build(),
                    claims.claims("1", List.of()).audience(List.of("billing")).build(),
                    claims.claims("1", List.of()).audience((String) null).build(),
                    claims.claims("1", List.of()).expirationTime(Date.from(Instant.now().plus(Duration.ofDays(30))))
                            .build())) {
                assertThat(api.withAuthorization(rs256(key, refused)).get("/api/v1/users/1/points").code())
                        .as(refused.toString()).isEqualTo("UNAUTHENTICATED");
            }
            assertThat(api.withAuthorization(rs256(stranger, claims.claims("1", List.of()).build()))
                    .get("/api/v1/users/1/points").code()).as("a key the provider never published")
                    .isEqualTo("UNAUTHENTICATED");
            assertThat(api.withAuthorization(TestTokens.bearer(claims.user(1))).get("/api/v1/users/1/points").code())
                    .as("an HS256 token when the keys are the provider's").isEqualTo("UNAUTHENTICATED");
            assertThat(output.getOut()).doesNotContain("Demo tokens");
        } finally {
            jwks.stop(0);
        }
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return TestTokens.bearer(jwt.serialize());
    }
}

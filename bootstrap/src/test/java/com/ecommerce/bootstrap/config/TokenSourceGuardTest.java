package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSourceGuardTest {

    private static final String SECRET = "ecommerce.security.jwt.secret";
    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    private static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    private static final String ISSUER = "ecommerce.security.jwt.issuer";
    private static final String AUDIENCE = "ecommerce.security.jwt.audience";

    private final TokenSourceGuard guard = new TokenSourceGuard();

    private static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private void check(StandardEnvironment environment) {
        guard.postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void aDatabaseProfileWithoutASource_stopsTheStartNamingTheProperties() {
        for (String database : new String[]{"mariadb", "mysql"}) {
            assertThatThrownBy(() -> check(environment(Map.of(), database, "lock-db")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(database)
                    .hasMessageContaining(SECRET)
                    .hasMessageContaining(ISSUER_URI)
                    .hasMessageContaining("jwk-set-uri");
        }
    }

    @Test
    void aBlankSecret_countsAsNone() {
        assertThatThrownBy(() -> check(environment(Map.of(SECRET, " "), "mariadb")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SECRET);
    }

    @Test
    void aDatabaseProfileWithASecretOrAnIdentityProvider_starts() {
        assertThatNoException().isThrownBy(() -> check(environment(Map.of(SECRET, "x".repeat(32)), "mariadb")));
        assertThatNoException().isThrownBy(() -> check(environment(Map.of(ISSUER_URI, "https://idp.example",
                AUDIENCE, "order-service"), "mysql")));
    }

    @Test
    void anIdentityProviderWithoutAnAudienceOrAnIssuer_stopsTheStartNamingThem() {
        for (Map<String, Object> incomplete : List.<Map<String, Object>>of(Map.of(ISSUER_URI, "https://idp.example"),
                Map.of(JWK_SET_URI, "https://idp.example/certs", AUDIENCE, "order-service"),
                Map.of(JWK_SET_URI, "https://idp.example/certs", ISSUER, "https://idp.example"),
                Map.of(ISSUER_URI, "https://idp.example", AUDIENCE, " "))) {
            assertThatThrownBy(() -> check(environment(incomplete, "mariadb"))).as(incomplete.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(AUDIENCE).hasMessageContaining(ISSUER);
        }
        assertThatNoException().isThrownBy(() -> check(environment(Map.of(JWK_SET_URI, "https://idp.example/certs",
                ISSUER, "https://idp.example", AUDIENCE, "order-service"), "mariadb")));
    }

    @Test
    void aRealDatabaseWithoutAProfileOrASource_stopsTheStart_withoutPrintingItsUrl() {
        String url = "jdbc:mysql://shop:s3cret@db.internal:3306/orders";
        assertThatThrownBy(() -> check(environment(Map.of("spring.datasource.url", url), "lock-db")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.url")
                .hasMessageContaining(SECRET)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theEmbeddedDefaultWithoutASource_starts() {
        assertThatNoException().isThrownBy(() -> check(environment(Map.of("spring.datasource.url",
                "jdbc:h2:mem:orders;MODE=MySQL"), "lock-jvm")));
        assertThatNoException().isThrownBy(() -> check(environment(Map.of(), "lock-jvm")));
    }

    @Test
    void aSecretAndAnIdentityProviderTogether_stopTheStart() {
        assertThatThrownBy(() -> check(environment(Map.of(SECRET, "x".repeat(32), ISSUER_URI, "https://idp.example"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SECRET)
                .hasMessageContaining(ISSUER_URI);
    }
}

package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSourceGuardTest {

    private static final String SECRET = "ecommerce.security.jwt.secret";
    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

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
        assertThatNoException().isThrownBy(() -> check(environment(Map.of(ISSUER_URI, "https://idp.example"),
                "mysql")));
    }

    @Test
    void theEmbeddedDefaultWithoutASource_starts() {
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

package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    private static MockEnvironment environment(String url, String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        if (url != null) {
            environment.setProperty("spring.datasource.url", url);
        }
        return environment;
    }

    @Test
    void theInMemoryH2OfTheDefaults_orNoUrlAtAll_isEmbedded() {
        assertThat(EmbeddedDatabase.in(environment("jdbc:h2:mem:orders;MODE=MySQL;DB_CLOSE_DELAY=-1"))).isTrue();
        assertThat(EmbeddedDatabase.in(environment(" jdbc:h2:mem:x", "lock-jvm"))).isTrue();
        assertThat(EmbeddedDatabase.in(environment(null))).isTrue();
    }

    @Test
    void aRealDatabase_isNot_evenWithoutADatabaseProfile() {
        assertThat(EmbeddedDatabase.in(environment("jdbc:mysql://db.internal:3306/orders"))).isFalse();
        assertThat(EmbeddedDatabase.in(environment("jdbc:mariadb://127.0.0.1/orders", "lock-db"))).isFalse();
        assertThat(EmbeddedDatabase.in(environment("jdbc:h2:file:/var/lib/orders"))).isFalse();
    }

    @Test
    void aDatabaseProfile_isNeverEmbedded() {
        assertThat(EmbeddedDatabase.in(environment(null, "mariadb"))).isFalse();
        assertThat(EmbeddedDatabase.in(environment("jdbc:h2:mem:x", "mysql"))).isFalse();
    }
}

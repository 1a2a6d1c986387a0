package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PointPropertiesTest {

    private static MockEnvironment withProfiles(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void unset_isOnForTheEmbeddedDefault_andOffWithADatabaseProfile() {
        PointProperties unset = new PointProperties(null);

        assertThat(unset.selfChargeIn(withProfiles())).isTrue();
        assertThat(unset.selfChargeIn(withProfiles("lock-jvm"))).isTrue();
        assertThat(unset.selfChargeIn(withProfiles("mariadb", "lock-db"))).isFalse();
        assertThat(unset.selfChargeIn(withProfiles("mysql", "lock-redis"))).isFalse();
    }

    @Test
    void set_isWhatItSays_onEither() {
        assertThat(new PointProperties(true).selfChargeIn(withProfiles("mariadb"))).isTrue();
        assertThat(new PointProperties(false).selfChargeIn(withProfiles())).isFalse();
    }
}

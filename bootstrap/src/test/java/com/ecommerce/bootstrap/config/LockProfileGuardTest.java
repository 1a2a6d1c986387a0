package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockProfileGuardTest {

    private final LockProfileGuard guard = new LockProfileGuard();

    private StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void noLockProfile_meansLockJvm() {
        StandardEnvironment environment = environment("mariadb");
        guard.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getActiveProfiles()).containsExactly("mariadb", "lock-jvm");
    }

    @Test
    void oneLockProfile_isKept() {
        StandardEnvironment environment = environment("lock-redlock", "mysql");
        guard.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getActiveProfiles()).containsExactly("lock-redlock", "mysql");
    }

    @Test
    void twoLockProfiles_stopTheStartWithAMessageNamingThem() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment("lock-db", "lock-redis"), new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Exactly one lock profile")
                .hasMessageContaining("lock-db")
                .hasMessageContaining("lock-redis");
    }

    @Test
    void anUnknownLockProfile_stopsTheStart() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment("lock-magic"), new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lock-magic");
    }
}

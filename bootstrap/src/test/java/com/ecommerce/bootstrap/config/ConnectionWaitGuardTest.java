package com.ecommerce.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool's connection wait must be shorter than the lock wait, or the service refuses to start. */
class ConnectionWaitGuardTest {

    private final ConnectionWaitGuard guard = new ConnectionWaitGuard();

    @Test
    void aConnectionWaitShorterThanTheLockWait_starts() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ConnectionWaitGuard.CONNECTION_WAIT, "500")
                .withProperty(ConnectionWaitGuard.LOCK_WAIT, "1s");

        assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
        assertThat(ConnectionWaitGuard.connectionWait(environment)).as("a bare number is milliseconds, as Hikari reads it")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aConnectionWaitAsLongAsTheLockWait_isRefused_sayingWhatToSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ConnectionWaitGuard.CONNECTION_WAIT, "2000")
                .withProperty(ConnectionWaitGuard.LOCK_WAIT, "2s");

        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ConnectionWaitGuard.CONNECTION_WAIT).hasMessageContaining("2000 ms");
    }

    @Test
    void unset_isTwoThirdsOfTheLockWait() {
        MockEnvironment defaults = new MockEnvironment();
        MockEnvironment longWait = new MockEnvironment().withProperty(ConnectionWaitGuard.LOCK_WAIT, "10s");

        guard.postProcessEnvironment(defaults, new SpringApplication());
        guard.postProcessEnvironment(longWait, new SpringApplication());

        assertThat(ConnectionWaitGuard.connectionWait(defaults)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConnectionWaitGuard.connectionWait(longWait)).isEqualTo(Duration.ofMillis(6_666));
    }

    @Test
    void aVeryShortLockWait_stillGivesHikariItsShortestWait_andIsRefusedWhenThatIsNotShorter() {
        MockEnvironment environment = new MockEnvironment().withProperty(ConnectionWaitGuard.LOCK_WAIT, "250ms");

        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("250 ms");
    }
}

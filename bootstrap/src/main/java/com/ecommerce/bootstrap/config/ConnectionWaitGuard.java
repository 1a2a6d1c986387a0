package com.ecommerce.bootstrap.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Refuses to start when a request could wait for a database connection as long as for its locks, or longer: the
 * pool's connection wait ({@code spring.datasource.hikari.connection-timeout}, 30 s by Hikari's default, 1 s in
 * application.yml) must be shorter than {@code ecommerce.lock.wait-timeout}. A write takes its connection before its
 * locks, so that wait is spent holding nothing; one as long as the lock wait would let a pool that is all in use
 * hold a request for its whole budget and then answer {@code DATABASE_UNAVAILABLE} after the lock wait a client
 * was promised. Checked before any bean exists, like {@link LockProfileGuard}.
 */
public class ConnectionWaitGuard implements EnvironmentPostProcessor, Ordered {

    static final String CONNECTION_WAIT = "spring.datasource.hikari.connection-timeout";
    static final String LOCK_WAIT = "ecommerce.lock.wait-timeout";
    /** Hikari's own default, when the property is unset. */
    static final Duration HIKARI_DEFAULT = Duration.ofSeconds(30);
    /** {@code LockProperties}' default. */
    static final Duration LOCK_WAIT_DEFAULT = Duration.ofSeconds(3);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Duration connectionWait = connectionWait(environment);
        Duration lockWait = Binder.get(environment).bind(LOCK_WAIT, Duration.class).orElse(LOCK_WAIT_DEFAULT);
        if (connectionWait.compareTo(lockWait) >= 0) {
            throw new IllegalStateException(CONNECTION_WAIT + " (" + connectionWait.toMillis() + " ms) must be shorter"
                    + " than " + LOCK_WAIT + " (" + lockWait.toMillis() + " ms): a write waits for its connection"
                    + " before its locks, within the same budget; set it to a fraction of the lock wait (1s by"
                    + " default).");
        }
    }

    /** The pool's connection wait, as Hikari reads it (a bare number is milliseconds). */
    static Duration connectionWait(Environment environment) {
        return Binder.get(environment).bind(CONNECTION_WAIT, Duration.class).orElse(HIKARI_DEFAULT);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package com.ecommerce.bootstrap.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.time.Duration;
import java.util.Map;

/**
 * The pool's connection wait ({@code spring.datasource.hikari.connection-timeout}) below the lock wait
 * ({@code ecommerce.lock.wait-timeout}). Unset, it is two thirds of the lock wait (2 s at the default 3 s; Hikari's
 * own default, 30 s, would outlast it ten times); set to the lock wait or more, the service refuses to start. A
 * request waits for a connection holding no lock (see {@code GuardedUnitOfWork}), and one that gets none answers
 * {@code DATABASE_UNAVAILABLE} within a wait shorter than the one a client was promised for the locks. Why a share of
 * the lock wait rather than a fixed time: a deployment that lengthens the lock wait (a benchmark's 10 s) lengthens
 * the queue it accepts, for connections as for locks. Checked before any bean exists, like {@link LockProfileGuard}.
 */
public class ConnectionWaitGuard implements EnvironmentPostProcessor, Ordered {

    static final String CONNECTION_WAIT = "spring.datasource.hikari.connection-timeout";
    static final String LOCK_WAIT = "ecommerce.lock.wait-timeout";
    /** Hikari's own default, when the property is unset (never, after this guard). */
    static final Duration HIKARI_DEFAULT = Duration.ofSeconds(30);
    /** The shortest wait Hikari accepts. */
    static final Duration HIKARI_MINIMUM = Duration.ofMillis(250);
    /** {@code LockProperties}' default. */
    static final Duration LOCK_WAIT_DEFAULT = Duration.ofSeconds(3);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Duration lockWait = Binder.get(environment).bind(LOCK_WAIT, Duration.class).orElse(LOCK_WAIT_DEFAULT);
        if (!environment.containsProperty(CONNECTION_WAIT)) {
            long millis = Math.max(HIKARI_MINIMUM.toMillis(), lockWait.toMillis() * 2 / 3);
            environment.getPropertySources().addLast(new MapPropertySource("connectionWaitDefault",
                    Map.of(CONNECTION_WAIT, String.valueOf(millis))));
        }
        Duration connectionWait = connectionWait(environment);
        if (connectionWait.compareTo(lockWait) >= 0) {
            throw new IllegalStateException(CONNECTION_WAIT + " (" + connectionWait.toMillis() + " ms) must be shorter"
                    + " than " + LOCK_WAIT + " (" + lockWait.toMillis() + " ms): a write waits for its connection"
                    + " within the same budget as for its locks; leave it unset (two thirds of the lock wait) or set"
                    + " it shorter.");
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

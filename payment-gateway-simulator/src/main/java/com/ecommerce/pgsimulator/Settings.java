package com.ecommerce.pgsimulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulator is started.
 *
 * @param port         the loopback port to listen on, 0 for a free one
 * @param secretKey    the key callers must present as {@code Authorization: Basic base64("<secretKey>:")}
 * @param latencyMin   the shortest latency of a confirm whose behaviour sets none
 * @param latencyMax   the longest; each such confirm waits a uniform random time between the two
 */
public record Settings(int port, String secretKey, Duration latencyMin, Duration latencyMax) {

    public static final String DEFAULT_SECRET_KEY = "test_sk_simulator";

    public Settings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey must not be blank");
        }
        Objects.requireNonNull(latencyMin, "latencyMin");
        Objects.requireNonNull(latencyMax, "latencyMax");
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
            throw new IllegalArgumentException("latency must be 0 <= min <= max, was " + latencyMin + "-" + latencyMax);
        }
    }

    /** A free port, the default key and no latency: what tests that script their own latencies want. */
    public static Settings immediate() {
        return new Settings(0, DEFAULT_SECRET_KEY, Duration.ZERO, Duration.ZERO);
    }
}

package com.ecommerce.application.payment.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * The gateway adapter's timeouts, and what follows from them for a payment: how long a confirm whose answer never
 * came may still be approved by the gateway ({@link #settleWindow}), and how long a claim on a payment lasts before
 * another request or the reconciler may take it over ({@link #claimLease}).
 */
public record GatewayTimings(Duration connectTimeout, Duration readTimeout) {

    /** What the gateway is given beyond our own timeouts to finish a call whose answer we stopped waiting for. */
    static final Duration GRACE = Duration.ofSeconds(1);

    public GatewayTimings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("gateway timeouts are positive");
        }
    }

    /** One call's longest life: connecting, then waiting for the answer. */
    public Duration call() {
        return connectTimeout.plus(readTimeout);
    }

    /** From the moment a confirm is sent: until then the gateway may still approve it. */
    public Duration settleWindow() {
        return call().plus(GRACE);
    }

    /** A claim covers a look-up and a confirm, the usual longest talk; past it the holder is presumed gone. */
    public Duration claimLease() {
        return call().multipliedBy(2).plus(GRACE);
    }
}

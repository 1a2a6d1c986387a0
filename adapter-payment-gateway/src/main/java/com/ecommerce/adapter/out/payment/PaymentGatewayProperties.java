package com.ecommerce.adapter.out.payment;

import com.ecommerce.application.payment.port.out.GatewayTimings;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the payment gateway ({@code ecommerce.payment.gateway.*}): its base URL, the secret key its Basic
 * authorization is made of, the timeouts every call is held to, and whether a confirm carries our payment id as its
 * {@code Idempotency-Key} (many PGs ignore one, so the service must be exact without it).
 *
 * <p>{@link #toString()} leaves the secret key out: settings get logged, keys must not.
 */
public record PaymentGatewayProperties(URI baseUrl, String secretKey, Duration connectTimeout, Duration readTimeout,
                                       boolean idempotencyKeys) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    public PaymentGatewayProperties {
        Objects.requireNonNull(baseUrl, "baseUrl");
        boolean web = "http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme());
        if (!web || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the payment gateway's base URL is an http(s) URL with a host: " + baseUrl);
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("the payment gateway's secret key is required");
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        // GatewayTimings refuses a zero or negative timeout: the application's settle window and claim lease rely on it
        new GatewayTimings(connectTimeout, readTimeout);
    }

    /** What the application derives its settle window and claim lease from. */
    public GatewayTimings timings() {
        return new GatewayTimings(connectTimeout, readTimeout);
    }

    @Override
    public String toString() {
        return "PaymentGatewayProperties[baseUrl=" + baseUrl + ", secretKey=(hidden), connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", idempotencyKeys=" + idempotencyKeys + "]";
    }
}

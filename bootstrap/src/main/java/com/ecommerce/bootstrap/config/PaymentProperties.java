package com.ecommerce.bootstrap.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The payment settings, {@code ecommerce.payment.*}, checked when bound.
 * <ul>
 *   <li>{@code gateway.base-url}: the payment gateway (Toss Payments' v1 core API shape, for example
 *       {@code https://api.tosspayments.com}); unset on the embedded default, an in-process simulator stands in;
 *       unset with a database profile, payments are off ({@code 503 PAYMENTS_DISABLED}).</li>
 *   <li>{@code gateway.secret-key}: sent as HTTP Basic user name with an empty password; required with a base URL.</li>
 *   <li>{@code gateway.connect-timeout} (default 1 s) and {@code gateway.read-timeout} (default 5 s): one call's
 *       limits; from them follow how long a confirm whose answer never came may still be approved and how long a
 *       claim on a payment lasts.</li>
 *   <li>{@code gateway.idempotency-keys} (default false): send the payment id as {@code Idempotency-Key}.</li>
 *   <li>{@code reconcile.enabled} (default true) and {@code reconcile.interval} (default 10 s): the background
 *       settlement of payments a talk with the gateway left open; every instance may run it.</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.payment")
public record PaymentProperties(@DefaultValue Gateway gateway, @DefaultValue Reconcile reconcile) {

    public record Gateway(URI baseUrl, String secretKey, @DefaultValue("1s") Duration connectTimeout,
                          @DefaultValue("5s") Duration readTimeout, @DefaultValue("false") boolean idempotencyKeys) {

        public Gateway {
            requirePositive("ecommerce.payment.gateway.connect-timeout", connectTimeout);
            requirePositive("ecommerce.payment.gateway.read-timeout", readTimeout);
            if (baseUrl != null && (secretKey == null || secretKey.isBlank())) {
                throw new IllegalArgumentException("ecommerce.payment.gateway.secret-key must be set with "
                        + "ecommerce.payment.gateway.base-url");
            }
        }

        @Override
        public String toString() {
            return "Gateway[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                    + ", idempotencyKeys=" + idempotencyKeys + "]";
        }
    }

    public record Reconcile(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration interval) {

        public Reconcile {
            requirePositive("ecommerce.payment.reconcile.interval", interval);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}

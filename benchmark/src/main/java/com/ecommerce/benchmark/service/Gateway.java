package com.ecommerce.benchmark.service;

import com.ecommerce.systemtest.support.PaymentGatewaySimulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment gateway every benchmarked instance talks to: one simulator process per benchmark JVM, started on first
 * use and closed when the JVM ends. Its confirms answer at once ({@code 0ms}): the payment scenarios measure what a
 * confirm costs the service (claim, credit, the call itself), not how long a gateway makes it wait, which would only
 * measure the 64 clients' patience. Each payment's calls stay recorded, so that a scenario's check can count the
 * confirms the gateway received.
 */
public final class Gateway {

    public static final String LATENCY = "0ms";

    private static PaymentGatewaySimulator simulator;

    private Gateway() {
    }

    public static synchronized PaymentGatewaySimulator simulator() {
        if (simulator == null) {
            simulator = PaymentGatewaySimulator.start(LATENCY);
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }

    /**
     * The properties that point an instance at it. The reconciler keeps the service's default interval: the system
     * tests shorten it to see a payment settled soon, here it would only add a query a second to every run's CPU.
     */
    static Map<String, String> instanceProperties() {
        Map<String, String> properties = new LinkedHashMap<>(simulator().instanceProperties());
        properties.remove("ecommerce.payment.reconcile.interval");
        return properties;
    }
}

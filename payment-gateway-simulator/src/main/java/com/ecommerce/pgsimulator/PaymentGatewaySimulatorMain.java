package com.ecommerce.pgsimulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar payment-gateway-simulator-all.jar [--port=N] [--secret-key=KEY] [--latency=300ms-2000ms]}: runs
 * until killed, after printing the one line tests wait for.
 */
public final class PaymentGatewaySimulatorMain {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");

    private PaymentGatewaySimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PaymentGatewaySimulator simulator = PaymentGatewaySimulator.start(settings(args));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("payment-gateway-simulator listening on " + simulator.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    static Settings settings(String... args) {
        int port = 0;
        String secretKey = Settings.DEFAULT_SECRET_KEY;
        Duration[] latency = {Duration.ofMillis(300), Duration.ofMillis(2000)};
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--secret-key=")) {
                secretKey = value(arg);
            } else if (arg.startsWith("--latency=")) {
                latency = latency(value(arg));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (known: --port=N, --secret-key=KEY, --latency=300ms-2000ms)");
            }
        }
        return new Settings(port, secretKey, latency[0], latency[1]);
    }

    /** {@code 300ms-2000ms}, or one value ({@code 0ms}, {@code 1s}) for a fixed latency. */
    static Duration[] latency(String range) {
        String[] bounds = range.split("-", 2);
        Duration min = duration(bounds[0]);
        return new Duration[] {min, bounds.length == 1 ? min : duration(bounds[1])};
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (like 300ms or 2s)");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}

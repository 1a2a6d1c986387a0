package com.ecommerce.pgsimulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar as the system tests and the benchmark run it: a process of its own. */
class PaymentGatewaySimulatorJarIT {

    private static final String READY = "payment-gateway-simulator listening on ";

    @Test
    void jar_startsAsAProcess_printsTheReadyLine_andServes() throws Exception {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/payment-gateway-simulator-all.jar"));
        assertThat(jar).exists();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port=0", "--secret-key=test_sk_process", "--latency=0ms")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
            assertThat(line).startsWith(READY).matches(".*http://127\\.0\\.0\\.1:\\d+");

            Http pg = new Http(URI.create(line.substring(READY.length())), "test_sk_process");
            assertThat(pg.confirm("order-1", 10_000, null).status()).isEqualTo(200);
            assertThat(new Http(URI.create(line.substring(READY.length())), Settings.DEFAULT_SECRET_KEY)
                    .lookup("order-1").status()).isEqualTo(401);
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

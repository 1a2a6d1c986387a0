package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeApp;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Dockerfile;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.SystemEnv;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's {@code HEALTHCHECK}, read from {@code docker/Dockerfile} (never a copy of it) and run as Docker runs it,
 * under {@code dash} (the image's {@code /bin/sh}: eclipse-temurin is Ubuntu-based) and under {@code bash}, in the
 * image's environment ({@code ENV}), within the instruction's {@code --timeout}, against the packaged jar started as a
 * container of the compose file would be. It must pass while the service is UP, and fail when the service answers
 * DOWN and when it is not running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthCheckIT {

    static final List<String> SHELLS = List.of("dash", "bash");

    Dockerfile.HealthCheck check;
    Map<String, String> imageEnvironment;
    ServiceInstance instance;
    int asExpected;

    @BeforeAll
    void startTheService() {
        Dockerfile dockerfile = DeploymentFiles.dockerfile();
        check = dockerfile.healthCheck();
        imageEnvironment = dockerfile.environment();
        Database.recreate();
        instance = ComposeApp.start("healthcheck", "lock-db").awaitReady(Duration.ofSeconds(150));
    }

    @AfterAll
    void stopTheService() {
        if (instance != null) {
            instance.stop();
        }
        if (check == null) {
            return; // the Dockerfile could not be read: that failure is the report
        }
        Summary.add("image HEALTHCHECK from docker/Dockerfile, dash and bash", "db",
                new Load.Tally(asExpected == 6 ? Map.of("OK", 6) : Map.of("OK", asExpected, "NOT_AS_EXPECTED",
                        6 - asExpected), 6), "exit 0 while UP; non-zero on 503 DOWN and with the "
                        + "instance stopped; each within the instruction's --timeout " + check.timeout().toSeconds()
                        + " s");
    }

    record Run(List<String> command, int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    /** Runs the check under a shell as Docker would in a container whose service listens on {@code port}. */
    Run run(String shell, int port) {
        List<String> command = check.under(shellBinary(shell));
        Map<String, String> env = new LinkedHashMap<>(imageEnvironment);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        try {
            Path output = Files.createTempFile(SystemEnv.workDir(), "healthcheck-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String said = Files.readString(output).strip();
            return new Run(command, finished ? process.exitValue() : -1, finished ? said : said + " (timed out)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String shellBinary(String shell) {
        for (String dir : List.of("/bin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, shell))) {
                return Path.of(dir, shell).toString();
            }
        }
        throw new IllegalStateException("The health-check test runs the check under " + shell + ", which is not "
                + "installed: apt-get install " + shell);
    }

    @Test
    @Order(1)
    void whileTheServiceIsUp_theCheckPasses_underDashAndBash() {
        for (String shell : SHELLS) {
            Run run = run(shell, instance.port());
            assertThat(run.passed()).as("under %s: %s\nexit %d, said: %s", shell, run.command(), run.exitCode(),
                    run.output()).isTrue();
            asExpected++;
        }
    }

    @Test
    @Order(2)
    void whenTheServiceAnswersDown_theCheckFails_underDashAndBash() throws IOException {
        HttpServer down = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        down.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        down.start();
        try {
            for (String shell : SHELLS) {
                Run run = run(shell, down.getAddress().getPort());
                assertThat(run.passed()).as("under %s, a 503 DOWN answer: %s", shell, run.output()).isFalse();
                asExpected++;
            }
        } finally {
            down.stop(0);
        }
    }

    @Test
    @Order(3)
    void whenTheServiceIsDown_theCheckFails_underDashAndBash() {
        int port = instance.port();
        instance.stop();
        assertThat(instance.isAlive()).isFalse();
        for (String shell : SHELLS) {
            Run run = run(shell, port);
            assertThat(run.passed()).as("under %s, nothing listening: %s", shell, run.output()).isFalse();
            asExpected++;
        }
    }
}

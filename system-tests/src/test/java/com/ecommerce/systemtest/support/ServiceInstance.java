package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service, started as an OS process with {@code java -jar} on a free port, and stopped
 * by its pid: gracefully ({@link #stop()}) or with SIGKILL ({@link #kill()}). Its output goes to a log file under
 * {@code target/system-tests}.
 */
public final class ServiceInstance implements Endpoint, AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceInstance(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance; {@code properties} become {@code --key=value} arguments, and replace the defaults (the
     * database of {@link SystemEnv}, the token key) where they name the same key. Does not wait for it.
     */
    public static ServiceInstance start(String name, Map<String, String> properties) {
        int port = SystemEnv.freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", String.valueOf(port));
        all.put("spring.datasource.url", SystemEnv.dbUrl());
        all.put("spring.datasource.username", SystemEnv.dbUsername());
        all.put("spring.datasource.password", SystemEnv.dbPassword());
        all.put("spring.datasource.hikari.maximum-pool-size", "10");
        all.putAll(Tokens.instanceProperties());
        all.putAll(properties);
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return launch(name, port, arguments, null);
    }

    /**
     * Starts an instance configured the way a container of the image is: by its environment only, no arguments, no
     * variable of this JVM's environment but {@code PATH}. The port is a free one, given as {@code SERVER_PORT} (the
     * variable the image sets). Does not wait for it.
     */
    public static ServiceInstance startWithEnvironment(String name, Map<String, String> environment) {
        int port = SystemEnv.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return launch(name, port, List.of(), env);
    }

    private static ServiceInstance launch(String name, int port, List<String> arguments, Map<String, String> env) {
        Path log = SystemEnv.workDir().resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small and quick to start by default; the benchmark asks for the full JIT with service.jvm.options
        command.addAll(List.of(System.getProperty("service.jvm.options",
                "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").split(" ")));
        command.addAll(List.of("-jar", SystemEnv.serviceJar().toString()));
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (env != null) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            return new ServiceInstance(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP. */
    public ServiceInstance awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log
                        + "\n" + tail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log + "\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no lock is released by the process itself. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** Stops each instance that was started (null: one that never was). */
    public static void stopEach(ServiceInstance... instances) {
        for (ServiceInstance instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

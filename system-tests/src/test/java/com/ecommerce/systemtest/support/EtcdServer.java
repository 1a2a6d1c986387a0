package com.ecommerce.systemtest.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * etcd for {@code lock-etcd}'s system tests: {@code ECOMMERCE_IT_ETCD_ENDPOINTS} as {@code .ci/run} sets it, checked
 * to answer; otherwise an etcd of the test's own from {@code ECOMMERCE_IT_ETCD_BINARY} or {@code etcd} on the PATH,
 * on free ports with its data in the work folder; otherwise a failure saying how.
 */
public final class EtcdServer implements AutoCloseable {

    private static final String HOW = """
            Set ECOMMERCE_IT_ETCD_ENDPOINTS to a running etcd 3.4+ (e.g. http://127.0.0.1:2379), as `bash .ci/run` does,
            or ECOMMERCE_IT_ETCD_BINARY to an etcd binary (or put `etcd` on the PATH; Debian: apt-get install etcd-server).""";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String endpoints;
    private final Process process;

    private EtcdServer(String endpoints, Process process) {
        this.endpoints = endpoints;
        this.process = process;
    }

    public static EtcdServer startOrFind() {
        String given = System.getenv("ECOMMERCE_IT_ETCD_ENDPOINTS");
        if (given != null && !given.isBlank()) {
            for (String endpoint : given.split(",")) {
                if (!healthy(endpoint.strip())) {
                    throw new IllegalStateException("etcd at " + endpoint.strip()
                            + " (from ECOMMERCE_IT_ETCD_ENDPOINTS) does not answer /health\n" + HOW);
                }
            }
            return new EtcdServer(given, null);
        }
        int client = SystemEnv.freePort();
        int peer = SystemEnv.freePort();
        String endpoint = "http://127.0.0.1:" + client;
        Path dir = SystemEnv.workDir().resolve("etcd-" + client);
        Process process;
        try {
            process = new ProcessBuilder(binary(), "--name", "system", "--data-dir", dir.resolve("data").toString(),
                    "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
                    "--listen-peer-urls", "http://127.0.0.1:" + peer,
                    "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
                    "--initial-cluster", "system=http://127.0.0.1:" + peer)
                    .redirectErrorStream(true).redirectOutput(Files.createDirectories(dir).resolve("etcd.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start etcd: " + e.getMessage() + "\n" + HOW, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!healthy(endpoint)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("etcd at " + endpoint + " did not start; see " + dir.resolve("etcd.log"));
            }
            ServiceInstance.sleep(50);
        }
        return new EtcdServer(endpoint, process);
    }

    public String endpoints() {
        return endpoints;
    }

    /** The pid of the etcd started here, or -1 for one named by the environment. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    private static String binary() {
        String given = System.getenv("ECOMMERCE_IT_ETCD_BINARY");
        if (given != null && !given.isBlank()) {
            return given;
        }
        String path = System.getenv("PATH");
        return Arrays.stream(path == null ? new String[0] : path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "etcd")).filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElseThrow(() -> new IllegalStateException("lock-etcd's system tests need etcd and found none.\n"
                        + HOW));
    }

    private static boolean healthy(String endpoint) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

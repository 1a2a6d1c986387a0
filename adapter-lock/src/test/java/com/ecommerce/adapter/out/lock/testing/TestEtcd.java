package com.ecommerce.adapter.out.lock.testing;

import io.etcd.jetcd.Client;

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
import java.util.List;

/**
 * etcd for the lock tests: {@code ECOMMERCE_IT_ETCD_ENDPOINTS} (comma-separated client URLs) as {@code .ci/run} sets
 * it, checked to answer; otherwise an etcd of this test JVM ({@link EtcdProcess}) from
 * {@code ECOMMERCE_IT_ETCD_BINARY} or {@code etcd} on the PATH; otherwise a failure saying how. One per test JVM,
 * shared by every test class. Tests that stop etcd start their own with {@link #process()}.
 */
public final class TestEtcd {

    public static final String ENDPOINTS = "ECOMMERCE_IT_ETCD_ENDPOINTS";
    public static final String BINARY = "ECOMMERCE_IT_ETCD_BINARY";

    private static final String HOW = """
            Set ECOMMERCE_IT_ETCD_ENDPOINTS to a running etcd 3.4+ (e.g. http://127.0.0.1:2379), as `bash .ci/run` does,
            or ECOMMERCE_IT_ETCD_BINARY to an etcd binary (or put `etcd` on the PATH; Debian: apt-get install etcd-server)
            for the tests to start one.""";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String endpoints;

    private TestEtcd() {
    }

    /** Comma-separated client URLs of the shared etcd. */
    public static synchronized String endpoints() {
        if (endpoints == null) {
            String given = System.getenv(ENDPOINTS);
            if (given != null && !given.isBlank()) {
                for (String endpoint : list(given)) {
                    if (!healthy(endpoint)) {
                        throw new IllegalStateException("etcd at " + endpoint + " (from " + ENDPOINTS
                                + ") does not answer /health\n" + HOW);
                    }
                }
                endpoints = given;
            } else {
                EtcdProcess etcd = process();
                Runtime.getRuntime().addShutdownHook(new Thread(etcd::close));
                endpoints = etcd.endpoint();
            }
        }
        return endpoints;
    }

    /** The shared etcd's client URLs, one each. */
    public static List<String> endpointList() {
        return list(endpoints());
    }

    /** A client of the shared etcd; the caller closes it. */
    public static Client client() {
        return Client.builder().endpoints(endpointList().toArray(String[]::new)).build();
    }

    /** An etcd of the caller's own, started; the caller closes it. */
    public static EtcdProcess process() {
        return EtcdProcess.start(binary());
    }

    /** The etcd binary: {@code ECOMMERCE_IT_ETCD_BINARY}, else {@code etcd} on the PATH, else a failure saying how. */
    public static String binary() {
        String given = System.getenv(BINARY);
        if (given != null && !given.isBlank()) {
            return given;
        }
        String path = System.getenv("PATH");
        return Arrays.stream(path == null ? new String[0] : path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "etcd")).filter(Files::isExecutable)
                .map(Path::toString).findFirst()
                .orElseThrow(() -> new IllegalStateException("The etcd lock tests need a real etcd and found none.\n"
                        + HOW));
    }

    /** Whether {@code endpoint} answers {@code /health} with {@code "health":"true"}. */
    static boolean healthy(String endpoint) {
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

    private static List<String> list(String endpoints) {
        return Arrays.stream(endpoints.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }
}

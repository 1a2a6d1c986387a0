package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Nginx;
import com.ecommerce.systemtest.support.SystemEnv;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/nginx.conf}'s own answers, with Debian's nginx running its test copy (see {@link Nginx}) in front of
 * a stand-in for the instances (a JDK HTTP server that records what reaches it) or of nothing at all: no instance
 * alive is {@code 502 SERVICE_UNAVAILABLE}, a body over nginx's limit {@code 413 PAYLOAD_TOO_LARGE}, a flood from one
 * address {@code 429 RATE_LIMITED} with {@code Retry-After}, each an RFC 9457 problem; a 12 KB bearer token reaches
 * the instance whole. {@code NginxRoundRobinIT} runs the service's own flows through the same file.
 */
class NginxProblemsIT {

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    final List<AutoCloseable> running = new ArrayList<>();
    final AtomicInteger served = new AtomicInteger();
    volatile String authorizationSeen;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    /** nginx on the file, each instance of the compose file pointed at {@code port}. */
    Nginx nginxInFrontOf(int port) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ComposeFile.read().appServices().forEach(app -> ports.put(app, port));
        Nginx.TestCopy copy = Nginx.testCopy(DeploymentFiles.nginxConf(), ports, SystemEnv.freePort(),
                Files.createTempDirectory(SystemEnv.workDir(), "nginx-problems-"));
        Nginx nginx = Nginx.start(copy);
        running.add(nginx);
        return nginx;
    }

    /** A stand-in instance: answers 200 and remembers the Authorization header it was sent. */
    int instance() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            authorizationSeen = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        running.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Server")).as("no version").hasValue("nginx");
        Http.Response parsed = new Http.Response(response.statusCode(), response.body(), response);
        assertThat(parsed.json().path("code").asString()).isEqualTo(code);
        assertThat(parsed.json().path("status").asInt()).isEqualTo(status);
        assertThat(parsed.json().path("type").asString()).startsWith("urn:ecommerce:problem:");
        assertThat(parsed.json().path("title").asString()).isNotBlank();
        assertThat(parsed.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void noInstanceAlive_isA502Problem_withRetryAfter() throws Exception {
        Nginx nginx = nginxInFrontOf(SystemEnv.freePort());

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v1/items/1"))
                .build());

        assertProblem(response, 502, "SERVICE_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aBodyOverNginxsLimit_isA413Problem_andNeverReachesAnInstance() throws Exception {
        Nginx nginx = nginxInFrontOf(instance());

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v1/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"))
                .build());

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(served).hasValue(0);
    }

    @Test
    void aLongBearerToken_reachesTheInstanceWhole() throws Exception {
        Nginx nginx = nginxInFrontOf(instance());
        String token = "Bearer " + "t".repeat(12 * 1024);

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v1/items/1"))
                .header("Authorization", token).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(authorizationSeen).isEqualTo(token);
    }

    @Test
    void aFloodFromOneAddress_isRefusedWith429Problems_pastTheBurst() throws Exception {
        Nginx nginx = nginxInFrontOf(instance());
        HttpRequest request = HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v1/items/1")).build();

        List<HttpResponse<String>> refused = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() == 429) {
                refused.add(response);
            } else {
                ok++;
            }
        }

        assertThat(ok).as("the burst is served").isGreaterThanOrEqualTo(100);
        assertThat(refused).as("past the burst and the rate").isNotEmpty();
        assertProblem(refused.getFirst(), 429, "RATE_LIMITED");
        assertThat(refused.getFirst().headers().firstValue("Retry-After")).hasValue("1");
        System.out.printf("[nginx problems] 400 requests from one address at once: %d served, %d 429%n", ok,
                refused.size());
    }
}

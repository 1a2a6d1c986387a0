package com.ecommerce.adapter.out.lock.testing;

import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.redisson.api.RedissonClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Redis for the lock tests: {@code ECOMMERCE_IT_REDIS_HOST}/{@code _PORT} for {@code lock-redis},
 * {@code ECOMMERCE_IT_REDLOCK_ADDRESSES} (three independent masters) for {@code lock-redlock}, and
 * {@code ECOMMERCE_IT_REDIS_SECURED_ADDRESSES} with {@code ECOMMERCE_IT_REDIS_SECURED_PASSWORD} (three masters that
 * require that password) for the password tests, as {@code .ci/run} sets them; otherwise Redis 7 containers where
 * Docker runs; otherwise a failure saying how. One set of servers per test JVM, shared by every test class.
 */
public final class TestRedis {

    public static final String HOST = "ECOMMERCE_IT_REDIS_HOST";
    public static final String PORT = "ECOMMERCE_IT_REDIS_PORT";
    public static final String REDLOCK = "ECOMMERCE_IT_REDLOCK_ADDRESSES";
    public static final String SECURED = "ECOMMERCE_IT_REDIS_SECURED_ADDRESSES";
    public static final String SECURED_PASSWORD = "ECOMMERCE_IT_REDIS_SECURED_PASSWORD";

    private static final String HOW = """
            Set ECOMMERCE_IT_REDIS_HOST and ECOMMERCE_IT_REDIS_PORT (lock-redis) and ECOMMERCE_IT_REDLOCK_ADDRESSES
            (lock-redlock: three independent masters, e.g. redis://127.0.0.1:16380,redis://127.0.0.1:16381,redis://127.0.0.1:16382)
            to running servers, and ECOMMERCE_IT_REDIS_SECURED_ADDRESSES (three masters started with
            `redis-server --requirepass <password>`) with ECOMMERCE_IT_REDIS_SECURED_PASSWORD, as `bash .ci/run` does, or
            run where Docker is available (Testcontainers starts redis:7).""";

    /** The client settings of {@code ecommerce.lock.redis.*} by default: a 500 ms command timeout, one retry. */
    public static final LockProperties.Redis TUNING = new LockProperties.Redis("127.0.0.1", 6379, List.of(),
            Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofMillis(100), null, false);

    /** Three independent masters that refuse every command until a client has sent {@code password}. */
    public record Secured(List<String> addresses, String password) {
    }

    private static String single;
    private static String redlock;
    private static Secured secured;

    private TestRedis() {
    }

    /** {@code host:port} of the single Redis. */
    public static synchronized String single() {
        if (single == null) {
            String host = System.getenv(HOST);
            if (host != null && !host.isBlank()) {
                String port = System.getenv(PORT);
                single = answering(host + ":" + (port == null || port.isBlank() ? "6379" : port), HOST + "/" + PORT);
            } else {
                single = start();
            }
        }
        return single;
    }

    /** A client of the single Redis, tuned as in production; the caller shuts it down. */
    public static RedissonClient singleClient() {
        return RedissonClients.create("redis://" + single(), TUNING);
    }

    /** Comma-separated {@code redis://host:port} of three independent masters. */
    public static synchronized String redlockAddresses() {
        if (redlock == null) {
            String addresses = System.getenv(REDLOCK);
            if (addresses != null && !addresses.isBlank()) {
                Arrays.stream(addresses.split(",")).map(String::strip)
                        .forEach(a -> answering(URI.create(a).getAuthority(), REDLOCK));
                redlock = addresses;
            } else {
                redlock = String.join(",", List.of("redis://" + start(), "redis://" + start(), "redis://" + start()));
            }
        }
        return redlock;
    }

    /** The masters of {@link #redlockAddresses()}, one {@code redis://host:port} each. */
    public static List<String> redlockAddressList() {
        return Arrays.stream(redlockAddresses().split(",")).map(String::strip).toList();
    }

    /** The password-protected masters, each {@code redis://host:port}, and their password. */
    public static synchronized Secured secured() {
        if (secured == null) {
            String addresses = System.getenv(SECURED);
            String password = System.getenv(SECURED_PASSWORD);
            if (addresses != null && !addresses.isBlank()) {
                if (password == null || password.isBlank()) {
                    throw new IllegalStateException(SECURED + " is set without " + SECURED_PASSWORD + ".\n" + HOW);
                }
                List<String> list = Arrays.stream(addresses.split(",")).map(String::strip).toList();
                list.forEach(a -> answering(URI.create(a).getAuthority(), SECURED, password));
                secured = new Secured(list, password);
            } else {
                String generated = "it-" + UUID.randomUUID();
                secured = new Secured(List.of("redis://" + start(generated), "redis://" + start(generated),
                        "redis://" + start(generated)), generated);
            }
        }
        return secured;
    }

    /** A {@code redis://} address on which nothing listens: a port that was free a moment ago. */
    public static String deadAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "redis://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static String answering(String hostPort, String variable) {
        return answering(hostPort, variable, null);
    }

    /**
     * A server named by the environment that does not answer (or refuses the password it is named with) is a set-up
     * mistake, reported as one rather than as the connection errors of the first test that uses it.
     */
    private static String answering(String hostPort, String variable, String password) {
        int colon = hostPort.lastIndexOf(':');
        String expected = password == null ? "+PONG" : "+OK\r\n+PONG";
        String reply;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
            socket.setSoTimeout(2_000);
            String commands = (password == null ? "" : "AUTH " + password + "\r\n") + "PING\r\n";
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            reply = new String(socket.getInputStream().readNBytes(expected.length()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Redis at " + hostPort + " (from " + variable + ") does not answer: " + e
                    + "\n" + HOW, e);
        }
        if (!reply.equals(expected)) {
            throw new IllegalStateException("Redis at " + hostPort + " (from " + variable + ") answered "
                    + (password == null ? "PING" : "AUTH and PING") + " with " + reply + "\n" + HOW);
        }
        return hostPort;
    }

    private static String start() {
        return start(null);
    }

    private static String start(String password) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("The Redis lock tests need real Redis servers and found none.\n" + HOW);
        }
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        if (password != null) {
            redis.withCommand("redis-server", "--requirepass", password);
        }
        redis.start();
        return redis.getHost() + ":" + redis.getMappedPort(6379);
    }
}

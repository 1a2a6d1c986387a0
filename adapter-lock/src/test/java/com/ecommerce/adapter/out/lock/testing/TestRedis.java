package com.ecommerce.adapter.out.lock.testing;

import com.ecommerce.adapter.out.lock.redis.RedissonClients;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.redisson.api.RedissonClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Redis for the lock tests: {@code ECOMMERCE_IT_REDIS_HOST}/{@code _PORT} for {@code lock-redis} and
 * {@code ECOMMERCE_IT_REDLOCK_ADDRESSES} (three independent masters) for {@code lock-redlock}, as {@code .ci/run}
 * sets them; otherwise Redis 7 containers where Docker runs; otherwise a failure saying how. One set of servers per
 * test JVM, shared by every test class.
 */
public final class TestRedis {

    public static final String HOST = "ECOMMERCE_IT_REDIS_HOST";
    public static final String PORT = "ECOMMERCE_IT_REDIS_PORT";
    public static final String REDLOCK = "ECOMMERCE_IT_REDLOCK_ADDRESSES";

    private static final String HOW = """
            Set ECOMMERCE_IT_REDIS_HOST and ECOMMERCE_IT_REDIS_PORT (lock-redis) and ECOMMERCE_IT_REDLOCK_ADDRESSES
            (lock-redlock: three independent masters, e.g. redis://127.0.0.1:16380,redis://127.0.0.1:16381,redis://127.0.0.1:16382)
            to running servers, as `bash .ci/run` does, or run where Docker is available (Testcontainers starts redis:7).""";

    /** The client settings of {@code ecommerce.lock.redis.*} by default: a 500 ms command timeout, one retry. */
    public static final LockProperties.Redis TUNING = new LockProperties.Redis("127.0.0.1", 6379, List.of(),
            Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofMillis(100));

    private static String single;
    private static String redlock;

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

    /**
     * A server named by the environment that does not answer is a set-up mistake, reported as one rather than as the
     * connection errors of the first test that uses it.
     */
    private static String answering(String hostPort, String variable) {
        int colon = hostPort.lastIndexOf(':');
        String reply;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            reply = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Redis at " + hostPort + " (from " + variable + ") does not answer: " + e
                    + "\n" + HOW, e);
        }
        if (!reply.equals("+PONG")) {
            throw new IllegalStateException("Redis at " + hostPort + " (from " + variable + ") answered PING with "
                    + reply + "\n" + HOW);
        }
        return hostPort;
    }

    private static String start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("The Redis lock tests need real Redis servers and found none.\n" + HOW);
        }
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        redis.start();
        return redis.getHost() + ":" + redis.getMappedPort(6379);
    }
}

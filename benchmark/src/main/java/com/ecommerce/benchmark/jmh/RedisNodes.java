package com.ecommerce.benchmark.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The Redis servers a strategy's adapter talks to, from the environment the integration tests and
 * {@code benchmark/ab/lock-cost.sh} use: {@code lock-redis} one server ({@code ECOMMERCE_IT_REDIS_HOST} and
 * {@code _PORT}, default 127.0.0.1:6379), {@code lock-redlock} independent masters
 * ({@code ECOMMERCE_IT_REDLOCK_ADDRESSES}, {@code redis://host:port} separated by commas).
 */
final class RedisNodes {

    private RedisNodes() {
    }

    /** {@code redis://host:port} of every server {@code strategy} ({@code redis} or {@code redlock}) uses. */
    static List<String> of(String strategy) {
        return switch (strategy) {
            case "redis" -> List.of("redis://" + env("ECOMMERCE_IT_REDIS_HOST", "127.0.0.1") + ":"
                    + env("ECOMMERCE_IT_REDIS_PORT", "6379"));
            case "redlock" -> {
                String addresses = env("ECOMMERCE_IT_REDLOCK_ADDRESSES", "");
                if (addresses.isBlank()) {
                    throw new IllegalStateException("lock-redlock needs its masters: set ECOMMERCE_IT_REDLOCK_ADDRESSES "
                            + "(redis://127.0.0.1:16380,redis://127.0.0.1:16381,...), as benchmark/ab/lock-cost.sh does");
                }
                yield Arrays.stream(addresses.split(",")).map(String::strip).toList();
            }
            default -> throw new IllegalArgumentException("no Redis strategy: " + strategy);
        };
    }

    /**
     * The pid of the server at {@code address}, as its {@code INFO server} answers ({@code process_id}): its CPU is
     * read from /proc, so it means something only for a server on this machine. -1 when it cannot be asked.
     */
    static long pid(String address) {
        URI uri = URI.create(address);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = line(in);
            if (!header.startsWith("$")) {
                return -1;
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return new String(body, StandardCharsets.US_ASCII).lines().filter(l -> l.startsWith("process_id:"))
                    .mapToLong(l -> Long.parseLong(l.substring("process_id:".length()).strip())).findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@code redis-server} of the test's own, on a free port, without persistence; started as a child process and
 * stopped by its pid (Debian's binary is a link to redis-check-rdb, so never by name). It can be killed and started
 * again on the same port, to play a master that dies and comes back.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private Process process;

    public RedisServer() {
        this.port = SystemEnv.freePort();
        start();
    }

    public void start() {
        Path dir = SystemEnv.workDir();
        List<String> command = List.of(SystemEnv.redisServer(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + SystemEnv.redisServer() + " (set ECOMMERCE_SYSTEM_REDIS_SERVER "
                    + "to the redis-server binary): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                ServiceInstance.sleep(50);
            }
        }
        throw new UncheckedIOException(new IOException("redis-server on port " + port + " did not start"));
    }

    /** SIGKILL, as a crashed master. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's pid while it runs (for its CPU from /proc), else -1. */
    public long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}

package com.ecommerce.adapter.out.lock.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An etcd of the test's own: the given binary on two free loopback ports (client and peer), its data in a temporary
 * folder, its output in a file beside it. {@link #stop()} and {@link #start()} keep the ports (clients reconnect to
 * the same endpoint), and {@link #wipe()} deletes the data while it is stopped, so that it comes back having lost
 * every lease and key.
 */
public final class EtcdProcess implements AutoCloseable {

    private static final Duration START_WITHIN = Duration.ofSeconds(20);

    private final String binary;
    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    private EtcdProcess(String binary, Path dir, int clientPort, int peerPort) {
        this.binary = binary;
        this.dir = dir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    /** Starts {@code binary} on free ports and returns once it answers its health check. */
    public static EtcdProcess start(String binary) {
        try {
            EtcdProcess etcd = new EtcdProcess(binary, Files.createTempDirectory("etcd-test"), freePort(), freePort());
            etcd.start();
            return etcd;
        } catch (IOException e) {
            throw new IllegalStateException("could not start etcd from " + binary, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** The etcd process's id, while it runs (for its CPU time in /proc). */
    public long pid() {
        return process.pid();
    }

    /** Starts it again (after {@link #stop()}) on the same ports and data, and waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String peer = "http://127.0.0.1:" + peerPort;
        try {
            process = new ProcessBuilder(binary, "--name", "test", "--data-dir", dir.resolve("data").toString(),
                    "--listen-client-urls", endpoint(), "--advertise-client-urls", endpoint(),
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", "test=" + peer)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + binary + ": " + e.getMessage()
                    + "\nSet ECOMMERCE_IT_ETCD_BINARY to an etcd 3.4+ binary (Debian: apt-get install etcd-server)", e);
        }
        long until = System.nanoTime() + START_WITHIN.toNanos();
        while (!TestEtcd.healthy(endpoint())) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("etcd at " + endpoint() + " did not start within " + START_WITHIN
                        + "; its output is in " + log());
            }
            sleep(50);
        }
    }

    /** Stops it (SIGTERM, as an operator or a crash-only restart would) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes its data; only while stopped: started again, it is an empty etcd on the same endpoint. */
    public synchronized void wipe() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("stop etcd before wiping its data");
        }
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + data, e);
        }
    }

    @Override
    public void close() {
        stop();
        wipe();
    }

    private File log() {
        return dir.resolve("etcd.log").toFile();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

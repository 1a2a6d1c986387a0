package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay between a service instance and MariaDB that, when armed, cuts the link of the next write transaction
 * at its {@code COMMIT}: {@link Cut#BEFORE_COMMIT} drops the link instead of forwarding it (the server rolls the
 * transaction back when its session ends), {@link Cut#AFTER_COMMIT} forwards it, waits for the server's answer and
 * drops the link instead of passing that answer on (the commit happened; the service never learns it). Unarmed, it
 * relays bytes unchanged.
 *
 * <p>It reads the client's side of the MySQL protocol as packets (3 bytes of length, 1 of sequence, the payload):
 * a {@code COM_QUERY} (0x03) whose text is {@code commit} ends a transaction, and one that began with {@code insert},
 * {@code update} or {@code delete} since the last {@code commit} or {@code rollback} makes it a write transaction
 * (read-only transactions commit too). That needs the plain protocol: the instance connects with
 * {@code sslMode=DISABLED}, and mysql-connector-j sends its client-side prepared statements and
 * {@code Connection.commit()} as {@code COM_QUERY}.
 *
 * <p>Written here rather than taken from a library: Toxiproxy, the usual tool, is a server binary of its own (its
 * Java client only drives it), packaged neither in Debian nor in Maven Central, and Testcontainers' Toxiproxy module
 * needs a Docker engine, which these machines lack. Its toxics also cut a link by time or by a count of bytes, not
 * at a given statement, which is the point here.
 */
public final class CommitCutter implements AutoCloseable {

    public enum Cut { BEFORE_COMMIT, AFTER_COMMIT }

    private static final byte COM_QUERY = 0x03;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private volatile CountDownLatch cut = new CountDownLatch(1);
    private volatile String lastCut = "none";

    /** Relays to the database of {@code jdbcUrl}. */
    public CommitCutter(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.upstreamHost = uri.getHost();
        this.upstreamPort = uri.getPort() < 0 ? 3306 : uri.getPort();
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("commit-cutter-accept").start(this::accept);
    }

    /** {@code jdbcUrl} pointed at this relay, without TLS so that the relay can read the commands. */
    public String relayedUrl(String jdbcUrl) {
        String through = jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
        return through + (through.contains("?") ? "&" : "?") + "sslMode=DISABLED";
    }

    /** The next write transaction's commit, on whichever link it comes, will be cut this way. */
    public void arm(Cut how) {
        cut = new CountDownLatch(1);
        lastCut = "none";
        armed.set(how);
    }

    /**
     * Waits for the armed cut to happen; true when it did. Then {@link #lastCut()} says what the server had answered
     * for an {@link Cut#AFTER_COMMIT} cut.
     */
    public boolean awaitCut(Duration timeout) throws InterruptedException {
        return cut.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the last cut went, for the report: "commit withheld", or the first byte of the answer withheld. */
    public String lastCut() {
        return lastCut;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Link link = new Link(client, upstream);
                Thread.ofPlatform().daemon().name("commit-cutter-up").start(link::clientToServer);
                Thread.ofPlatform().daemon().name("commit-cutter-down").start(link::serverToClient);
            } catch (IOException e) {
                // closed, or one connection failed to open: the client sees its link fail and retries
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(CommitCutter::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** One client connection and its upstream connection, with a pump each way. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private boolean wrote;
        private volatile boolean withholdNextAnswer;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToServer() {
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                while (true) {
                    byte[] header = in.readNBytes(4);
                    if (header.length < 4) {
                        return;
                    }
                    int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
                    byte[] payload = in.readNBytes(length);
                    if (payload.length < length) {
                        return;
                    }
                    if (length > 0 && payload[0] == COM_QUERY && cutsHere(payload)) {
                        return;
                    }
                    out.write(header);
                    out.write(payload);
                    out.flush();
                }
            } catch (IOException e) {
                // the link is gone
            } finally {
                drop();
            }
        }

        /** Whether this command is the armed commit and the link is cut before it is forwarded. */
        private boolean cutsHere(byte[] payload) {
            String sql = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8).strip()
                    .toLowerCase(Locale.ROOT);
            if (sql.startsWith("insert") || sql.startsWith("update") || sql.startsWith("delete")) {
                wrote = true;
                return false;
            }
            boolean commit = sql.equals("commit");
            if (!commit && !sql.equals("rollback")) {
                return false;
            }
            boolean write = wrote;
            wrote = false;
            if (!commit || !write) {
                return false;
            }
            if (armed.compareAndSet(Cut.BEFORE_COMMIT, null)) {
                lastCut = "commit withheld from the server";
                cut.countDown();
                return true;
            }
            if (armed.compareAndSet(Cut.AFTER_COMMIT, null)) {
                withholdNextAnswer = true;
            }
            return false;
        }

        void serverToClient() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    // the client waits for each answer before its next command, so the first bytes after the commit
                    // went up are the commit's answer
                    if (withholdNextAnswer) {
                        lastCut = "answer withheld, server answered " + (n < 5 ? "(partial)" : buffer[4] == 0
                                ? "OK" : "0x" + Integer.toHexString(buffer[4] & 0xff));
                        drop();
                        cut.countDown();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the link is gone
            } finally {
                drop();
            }
        }

        private void drop() {
            closeQuietly(client);
            closeQuietly(upstream);
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }
}

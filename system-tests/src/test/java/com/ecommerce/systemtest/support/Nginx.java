package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx run on {@code docker/nginx.conf}, without Docker. The file names its upstream servers by their
 * Compose service names ({@code app-1:8080}), which resolve on Compose's network only; nginx resolves them when it
 * loads the file, so {@code nginx -t} fails on them anywhere else. {@link #testCopy} therefore writes a copy in which
 * exactly those {@code server host:port} lines point at loopback ports instead (nothing else of the file changes but
 * the listen port and, added, an access log of the upstream each request went to and nginx's scratch paths). Editing
 * {@code /etc/hosts} would also make the names resolve, but it changes the machine for everyone on it and still
 * could not give two names the same port 8080 on one address. nginx runs in the foreground ({@code daemon off}) from
 * a scratch folder and is stopped by its pid.
 */
public final class Nginx implements Endpoint, AutoCloseable {

    private static final Pattern UPSTREAM_BLOCK = Pattern.compile("upstream\\s+[^\\s{]+\\s*\\{([^}]*)}");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(\\bserver\\s+)([A-Za-z0-9._-]+):(\\d+)");
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*listen\\s+)(\\d+)(\\s*;)");

    private final TestCopy copy;
    private final Process process;

    private Nginx(TestCopy copy, Process process) {
        this.copy = copy;
        this.process = process;
    }

    /** The binary: {@code ECOMMERCE_SYSTEM_NGINX}, else {@code nginx} on the PATH, else Debian's /usr/sbin/nginx. */
    public static String binary() {
        String configured = System.getenv("ECOMMERCE_SYSTEM_NGINX");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
                return Path.of(dir, "nginx").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return "/usr/sbin/nginx";
        }
        throw new IllegalStateException("The nginx tests need nginx: apt-get install nginx (Debian's package; `bash "
                + ".ci/run` installs it when it is missing), or set ECOMMERCE_SYSTEM_NGINX to the binary.");
    }

    /**
     * The copy of a configuration that nginx can load here.
     *
     * @param conf       the path of the copy
     * @param dir        its scratch folder (logs, pid, temporary files)
     * @param listen     the loopback port it listens on
     * @param listenWas  the port the original listened on
     * @param upstreams  each original {@code host:port} of an upstream server, with the address that replaced it
     */
    public record TestCopy(Path conf, Path dir, int listen, int listenWas, Map<String, String> upstreams) {
        public Path accessLog() {
            return dir.resolve("access.log");
        }

        public Path errorLog() {
            return dir.resolve("error.log");
        }
    }

    /**
     * Writes the copy of {@code original} into {@code dir}: each upstream {@code server host:port} becomes
     * {@code server 127.0.0.1:<ports[host]>}; fails when a host has no port given, or when a given host is not an
     * upstream server of the file.
     */
    public static TestCopy testCopy(Path original, Map<String, Integer> ports, int listen, Path dir) {
        try {
            Files.createDirectories(dir);
            String conf = Files.readString(original);
            Map<String, String> rewritten = new LinkedHashMap<>();
            Matcher block = UPSTREAM_BLOCK.matcher(conf);
            StringBuilder out = new StringBuilder();
            while (block.find()) {
                Matcher server = UPSTREAM_SERVER.matcher(block.group());
                StringBuilder rewrittenBlock = new StringBuilder();
                while (server.find()) {
                    String host = server.group(2);
                    Integer port = ports.get(host);
                    if (port == null) {
                        throw new IllegalStateException("nginx.conf names an upstream server " + host
                                + " that the test was not given a port for: " + ports.keySet());
                    }
                    rewritten.put(host + ":" + server.group(3), "127.0.0.1:" + port);
                    server.appendReplacement(rewrittenBlock,
                            Matcher.quoteReplacement(server.group(1) + "127.0.0.1:" + port));
                }
                server.appendTail(rewrittenBlock);
                block.appendReplacement(out, Matcher.quoteReplacement(rewrittenBlock.toString()));
            }
            block.appendTail(out);
            List<String> named = rewritten.keySet().stream().map(a -> a.substring(0, a.indexOf(':'))).toList();
            if (!named.containsAll(ports.keySet())) {
                throw new IllegalStateException("hosts given that nginx.conf does not name as upstream servers: "
                        + ports.keySet() + " vs " + named);
            }
            Matcher listenLine = LISTEN.matcher(out);
            if (!listenLine.find()) {
                throw new IllegalStateException("nginx.conf has no `listen <port>;` line");
            }
            int listenWas = Integer.parseInt(listenLine.group(2));
            String copy = listenLine.replaceFirst(Matcher.quoteReplacement(listenLine.group(1) + "127.0.0.1:" + listen
                    + listenLine.group(3)));
            int http = copy.indexOf("http {");
            if (http < 0) {
                throw new IllegalStateException("nginx.conf has no `http {` block");
            }
            String added = """

                        # test copy only: the upstream each request went to, and nginx's scratch files in %1$s
                        log_format upstreams '$request_method $request_uri $status "$upstream_addr" "$upstream_status"';
                        access_log "%1$s/access.log" upstreams;
                        client_body_temp_path "%1$s/client_body";
                        proxy_temp_path "%1$s/proxy";
                        fastcgi_temp_path "%1$s/fastcgi";
                        uwsgi_temp_path "%1$s/uwsgi";
                        scgi_temp_path "%1$s/scgi";
                    """.formatted(dir.toAbsolutePath());
            copy = copy.substring(0, http + "http {".length()) + added.stripTrailing()
                    + copy.substring(http + "http {".length());
            Path target = dir.resolve("nginx.conf");
            Files.writeString(target, copy);
            return new TestCopy(target, dir.toAbsolutePath(), listen, listenWas, rewritten);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code nginx -t} said of a configuration. */
    public record Check(int exitCode, String output) {
    }

    /** {@code nginx -t} on the copy. */
    public static Check check(TestCopy copy) {
        return check(copy.conf(), copy.dir());
    }

    /** {@code nginx -t} on any configuration, with its error log and pid file in {@code dir}. */
    public static Check check(Path conf, Path dir) {
        List<String> command = command(conf, dir, false);
        command.add(1, "-t");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nginx -t did not finish: " + output);
            }
            return new Check(p.exitValue(), output.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(Path conf, Path dir, boolean foreground) {
        String abs = dir.toAbsolutePath().toString();
        return new ArrayList<>(List.of(binary(), "-p", abs + "/", "-c", conf.toAbsolutePath().toString(),
                "-e", abs + "/error.log",
                "-g", (foreground ? "daemon off; " : "") + "pid \"" + abs + "/nginx.pid\";"));
    }

    /** Starts nginx on the copy in the foreground and waits until it accepts connections. */
    public static Nginx start(TestCopy copy) {
        try {
            Process process = new ProcessBuilder(command(copy.conf(), copy.dir(), true)).redirectErrorStream(true)
                    .redirectOutput(copy.dir().resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(copy, process);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                            + read(copy.errorLog()) + read(copy.dir().resolve("nginx.out")));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", copy.listen()), 500);
                    return nginx;
                } catch (IOException notYet) {
                    ServiceInstance.sleep(100);
                }
            }
            nginx.close();
            throw new IllegalStateException("nginx did not listen on " + copy.listen() + ": " + read(copy.errorLog()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + copy.listen();
    }

    public long pid() {
        return process.pid();
    }

    /** One line of the access log: the request, nginx's status, and the upstream address(es) and statuses tried. */
    public record Served(String request, int status, List<String> upstreams, String upstreamStatuses) {
        /** The upstream that gave the answer: the last one tried. */
        public String finalUpstream() {
            return upstreams.isEmpty() ? "" : upstreams.getLast();
        }
    }

    private static final Pattern LOG_LINE = Pattern.compile("^(\\S+ \\S+) (\\d{3}) \"([^\"]*)\" \"([^\"]*)\"$");

    /**
     * The access log once it has at least {@code requests} lines, or as it is after 5 s: nginx writes a request's
     * line when it ends the request, which can be just after the client has read the whole answer.
     */
    public List<Served> accessLog(int requests) {
        long giveUp = System.nanoTime() + 5_000_000_000L;
        List<Served> served = accessLog();
        while (served.size() < requests && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            served = accessLog();
        }
        return served;
    }

    public List<Served> accessLog() {
        List<Served> served = new ArrayList<>();
        for (String line : read(copy.accessLog()).split("\n")) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                List<String> upstreams = m.group(3).equals("-") ? List.of()
                        : List.of(m.group(3).split(",\\s*"));
                served.add(new Served(m.group(1), Integer.parseInt(m.group(2)), upstreams, m.group(4)));
            }
        }
        return served;
    }

    public TestCopy copy() {
        return copy;
    }

    /** Stops nginx by its pid (SIGTERM: fast shutdown of the master, which ends its workers), then any worker left. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

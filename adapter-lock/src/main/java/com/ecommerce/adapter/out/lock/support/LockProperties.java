package com.ecommerce.adapter.out.lock.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Every lock setting, {@code ecommerce.lock.*}, checked when bound: a bad value stops the start-up with a message
 * naming the property.
 * <ul>
 *   <li>{@code wait-timeout}: how long a request waits for all its locks (default 3 s).</li>
 *   <li>{@code lease-time}: how long a lease-based lock (Redis, RedLock, the JDBC lock table's time-to-live,
 *       Hazelcast, etcd) lives without being released (default 10 s).</li>
 *   <li>{@code local-queue}: whether the shared strategies (db, redis, redlock, zookeeper, jdbc, hazelcast, etcd) queue a key's waiters in
 *       the JVM first, so that one thread per instance and key contends for the shared lock (default true; off only
 *       to measure what it buys, or when a test's second party stands for another instance).</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.lock")
public record LockProperties(@DefaultValue("3s") Duration waitTimeout,
                             @DefaultValue("10s") Duration leaseTime,
                             @DefaultValue("true") boolean localQueue,
                             @DefaultValue Jvm jvm,
                             @DefaultValue Redis redis,
                             @DefaultValue Optimistic optimistic,
                             @DefaultValue ZooKeeper zookeeper,
                             @DefaultValue Jdbc jdbc,
                             @DefaultValue Hazelcast hazelcast,
                             @DefaultValue Etcd etcd) {

    public LockProperties {
        requirePositive("ecommerce.lock.wait-timeout", waitTimeout);
        requirePositive("ecommerce.lock.lease-time", leaseTime);
    }

    /** {@code fair}: FIFO hand-off among waiters; see {@code JvmLockAdapter} for why it is on by default. */
    public record Jvm(@DefaultValue("true") boolean fair) {
    }

    /**
     * The Redis strategies. {@code lock-redis} uses the one server at {@code host}:{@code port} (application.yml
     * fills them from the contract's {@code spring.data.redis.host}/{@code port}); {@code lock-redlock} uses the
     * independent masters of {@code addresses} (comma-separated {@code redis://host:port}, at least 3). The rest
     * tunes the client: command timeout, connect timeout, retries.
     * <p>
     * {@code password} is sent with {@code AUTH} on every connection, to the one server and to each master alike
     * (application.yml fills it from {@code spring.data.redis.password}); blank means none. {@code ssl} makes
     * {@link #address()} a {@code rediss://} address, as application.yml does from
     * {@code spring.data.redis.ssl.enabled}; the masters of {@code addresses} say it themselves with their scheme.
     * Redisson speaks TLS to a {@code rediss://} address and checks the server's certificate against the JVM's
     * trust store, so a scheme is all that TLS takes here; any other scheme is refused when bound, naming the
     * property, rather than by the client at the first lock.
     */
    public record Redis(@DefaultValue("127.0.0.1") String host,
                        @DefaultValue("6379") int port,
                        @DefaultValue List<String> addresses,
                        @DefaultValue("500ms") Duration timeout,
                        @DefaultValue("500ms") Duration connectTimeout,
                        @DefaultValue("1") int retryAttempts,
                        @DefaultValue("100ms") Duration retryInterval,
                        String password,
                        @DefaultValue("false") boolean ssl) {

        private static final List<String> SCHEMES = List.of("redis://", "rediss://");

        public Redis {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("ecommerce.lock.redis.port must be 1 to 65535, got " + port);
            }
            addresses = addresses == null ? List.of()
                    : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
            for (String address : addresses) {
                if (SCHEMES.stream().noneMatch(address::startsWith)) {
                    throw new IllegalArgumentException("ecommerce.lock.redis.addresses must be redis://host:port or "
                            + "rediss://host:port (TLS), got " + address);
                }
            }
            password = password == null || password.isBlank() ? null : password;
            requirePositive("ecommerce.lock.redis.timeout", timeout);
            requirePositive("ecommerce.lock.redis.connect-timeout", connectTimeout);
            if (retryAttempts < 0) {
                throw new IllegalArgumentException("ecommerce.lock.redis.retry-attempts must be 0 or more");
            }
        }

        public String address() {
            return (ssl ? "rediss://" : "redis://") + host + ":" + port;
        }

        /** The same client settings with another password ({@code null}: none). */
        public Redis withPassword(String password) {
            return new Redis(host, port, addresses, timeout, connectTimeout, retryAttempts, retryInterval, password,
                    ssl);
        }

        /** Never the password: these settings are logged and shown in failures. */
        @Override
        public String toString() {
            return "Redis[host=" + host + ", port=" + port + ", addresses=" + addresses + ", timeout=" + timeout
                    + ", connectTimeout=" + connectTimeout + ", retryAttempts=" + retryAttempts + ", retryInterval="
                    + retryInterval + ", password=" + (password == null ? "none" : "set") + ", ssl=" + ssl + "]";
        }

        /** The RedLock masters; fewer than 3 cannot form a quorum that survives the loss of one. */
        public List<String> redlockMasters() {
            if (addresses.size() < 3) {
                throw new IllegalStateException("lock-redlock needs ecommerce.lock.redis.addresses with at least 3 "
                        + "independent Redis masters (for example redis://127.0.0.1:6379,redis://127.0.0.1:6380,"
                        + "redis://127.0.0.1:6381), got " + addresses);
            }
            return addresses;
        }
    }

    /**
     * {@code lock-optimistic}: up to {@code maxAttempts} runs of the unit of work, separated by "full jitter" backoff
     * (a random pause between 0 and {@code initialBackoff * 2^(attempt-1)}, capped at {@code maxBackoff}), and never
     * past the wait timeout. Defaults: 10 attempts, 5 ms, 100 ms. A conflict costs one short transaction, so a few
     * quick retries absorb ordinary contention; jitter spreads the retries of writers that collided together; and
     * past ten attempts (at most about half a second of backoff) a request is under contention no retry will fix soon,
     * so the client is better told (409) than kept waiting.
     */
    public record Optimistic(@DefaultValue("10") int maxAttempts,
                             @DefaultValue("5ms") Duration initialBackoff,
                             @DefaultValue("100ms") Duration maxBackoff) {

        public Optimistic {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("ecommerce.lock.optimistic.max-attempts must be at least 1");
            }
            requirePositive("ecommerce.lock.optimistic.initial-backoff", initialBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "ecommerce.lock.optimistic.max-backoff must not be shorter than initial-backoff");
            }
        }
    }

    /**
     * {@code lock-zookeeper}: the ensemble ({@code connect-string}) and the client's session. {@code auth}
     * ({@code user:password}, blank for none) makes every instance the same digest identity and creates the lock
     * znodes readable and writable by that identity only: a client of the ensemble without it cannot delete or
     * change a held lock. Every instance must be given the same value.
     */
    public record ZooKeeper(@DefaultValue("127.0.0.1:2181") String connectString,
                            @DefaultValue("10s") Duration sessionTimeout,
                            @DefaultValue("3s") Duration connectionTimeout,
                            @DefaultValue("/ecommerce/locks") String basePath,
                            String auth) {

        public ZooKeeper {
            if (connectString == null || connectString.isBlank()) {
                throw new IllegalArgumentException("ecommerce.lock.zookeeper.connect-string must name the ensemble");
            }
            requirePositive("ecommerce.lock.zookeeper.session-timeout", sessionTimeout);
            requirePositive("ecommerce.lock.zookeeper.connection-timeout", connectionTimeout);
            auth = auth == null || auth.isBlank() ? null : auth;
            if (auth != null && (auth.indexOf(':') < 1 || auth.indexOf(':') == auth.length() - 1)) {
                throw new IllegalArgumentException("ecommerce.lock.zookeeper.auth must be user:password");
            }
        }

        /** Never the password: these settings are logged and shown in failures. */
        @Override
        public String toString() {
            return "ZooKeeper[connectString=" + connectString + ", sessionTimeout=" + sessionTimeout
                    + ", connectionTimeout=" + connectionTimeout + ", basePath=" + basePath + ", auth="
                    + (auth == null ? "none" : auth.substring(0, auth.indexOf(':')) + ":***") + "]";
        }
    }

    /**
     * {@code lock-jdbc}: Spring Integration's lock table in the service's own database ({@code INT_LOCK}, created by
     * the migrations). {@code region} separates this service's locks from other users of the same table;
     * {@code retry-interval} is how long a waiter sleeps between two tries of the insert/update that takes a lock.
     */
    public record Jdbc(@DefaultValue("ecommerce") String region,
                       @DefaultValue("INT_") String tablePrefix,
                       @DefaultValue("20ms") Duration retryInterval) {

        public Jdbc {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("ecommerce.lock.jdbc.region must not be blank");
            }
            requirePositive("ecommerce.lock.jdbc.retry-interval", retryInterval);
        }
    }

    /**
     * {@code lock-hazelcast}: every instance is an embedded member of one cluster. {@code members} lists the members'
     * {@code host:port} (comma-separated; empty means this instance alone), {@code port} is this member's own port,
     * {@code cluster-name} keeps unrelated clusters on one network apart.
     */
    public record Hazelcast(@DefaultValue List<String> members,
                            @DefaultValue("5701") int port,
                            @DefaultValue("ecommerce-locks") String clusterName) {

        public Hazelcast {
            members = members == null ? List.of()
                    : members.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("ecommerce.lock.hazelcast.port must be 1 to 65535, got " + port);
            }
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("ecommerce.lock.hazelcast.cluster-name must not be blank");
            }
        }
    }

    /** {@code lock-etcd}: the cluster's client URLs ({@code endpoints}, comma-separated). */
    public record Etcd(@DefaultValue("http://127.0.0.1:2379") List<String> endpoints,
                       @DefaultValue("/ecommerce/locks/") String prefix) {

        public Etcd {
            endpoints = endpoints == null ? List.of()
                    : endpoints.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("ecommerce.lock.etcd.endpoints must name at least one etcd endpoint,"
                        + " for example http://127.0.0.1:2379");
            }
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, got " + value);
        }
    }
}

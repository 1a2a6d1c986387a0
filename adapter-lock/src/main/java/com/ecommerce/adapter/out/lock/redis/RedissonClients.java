package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Redisson clients for lock nodes, tuned so that a dead node fails fast instead of costing seconds per call. */
public final class RedissonClients {

    static final String KEY_PREFIX = "ecommerce:lock:";

    /** The error replies of a refused AUTH or a command sent without one (Redis 6 and 7). */
    private static final List<String> AUTH_REPLIES = List.of("WRONGPASS", "NOAUTH", "ERR AUTH");

    private RedissonClients() {
    }

    /**
     * Redisson's defaults (3 s timeout, 3 retries 1.5 s apart) make every acquire and release wait about 5 s while a
     * node is down. With a 500 ms command timeout and one retry a dead node costs a few hundred milliseconds.
     * Lazy initialisation lets the service start while a node is down; the client reconnects when it returns. It
     * also means a wrong password is found at the first command, not at start: that command fails with Redis's
     * {@code WRONGPASS}/{@code NOAUTH}, which the adapters answer as {@code LOCK_UNAVAILABLE} and the health check
     * as DOWN. A {@code rediss://} address is TLS, checked against the JVM's trust store.
     */
    public static RedissonClient create(String address, LockProperties.Redis tuning) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.setPassword(tuning.password());
        config.useSingleServer()
                .setAddress(address)
                .setTimeout((int) tuning.timeout().toMillis())
                .setConnectTimeout((int) tuning.connectTimeout().toMillis())
                .setRetryAttempts(tuning.retryAttempts())
                .setRetryDelay(new ConstantDelay(tuning.retryInterval()))
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(64)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setPingConnectionInterval(1_000);
        return Redisson.create(config);
    }

    /**
     * A client as {@link #create}, whose password is tried once now: a server that answers and refuses it stops the
     * start, naming the server and the setting, for a wrong or missing password is a mistake of the deployment that
     * no retry mends (and would otherwise show only as {@code LOCK_UNAVAILABLE} at the first order). A server that
     * does not answer within the connect and command timeouts is let be, as {@link #create} lets it be.
     */
    public static RedissonClient connect(String address, LockProperties.Redis tuning) {
        RedissonClient client = create(address, tuning);
        Duration within = tuning.connectTimeout().plus(tuning.timeout()).multipliedBy(2);
        try {
            client.getBucket(KEY_PREFIX + "health").isExistsAsync().toCompletableFuture()
                    .get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String refusal = credentialsRefusal(e);
            if (refusal != null) {
                client.shutdown();
                throw new IllegalStateException("Redis at " + address + " refused the client's credentials ("
                        + refusal + "): set ecommerce.lock.redis.password (or spring.data.redis.password) to the "
                        + "server's requirepass", e);
            }
        } catch (TimeoutException e) {
            // not answering yet: the client connects when the server is back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return client;
    }

    /** Redis's reply when it refused the credentials, from anywhere in the failure's causes; else null. */
    static String credentialsRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                for (String reply : AUTH_REPLIES) {
                    int at = message.indexOf(reply);
                    if (at >= 0) {
                        int end = message.indexOf('.', at);
                        return message.substring(at, end < 0 ? message.length() : end + 1);
                    }
                }
            }
        }
        return null;
    }

    /** Whether the node answers a PING-like command within {@code within}. */
    public static CompletableFuture<Boolean> reachable(RedissonClient client, Duration within) {
        return client.getBucket(KEY_PREFIX + "health").isExistsAsync().toCompletableFuture()
                .thenApply(exists -> true)
                .completeOnTimeout(false, within.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> false);
    }
}

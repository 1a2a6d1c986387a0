package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Busy" is not "down": a Redis that answers later than the client's 500 ms command timeout (here: held busy for
 * 1.5 s by a Lua script, as a loaded machine would) must be waited for within the lock wait, not reported as
 * {@code LOCK_UNAVAILABLE}; a Redis that does not answer at all still is.
 */
class RedisBusyOrDownIT {

    /** Spins inside Redis for the given microseconds: every other client waits for it, nothing fails. */
    private static final String SPIN = "local t0 = redis.call('TIME') "
            + "local start = tonumber(t0[1]) * 1000000 + tonumber(t0[2]) "
            + "while true do local t = redis.call('TIME') "
            + "if tonumber(t[1]) * 1000000 + tonumber(t[2]) - start > tonumber(ARGV[1]) then return 1 end end";

    private final List<RedissonClient> clients = new ArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    private RedissonClient client(String address, LockProperties.Redis tuning) {
        RedissonClient client = RedissonClients.create(address, tuning);
        clients.add(client);
        return client;
    }

    private RedisLockAdapter adapterOn(String address) {
        return new RedisLockAdapter(client(address, TestRedis.TUNING), Duration.ofSeconds(10),
                new LockMetrics(new SimpleMeterRegistry(), "redis"));
    }

    @Test
    void aRedisBusyPastTheClientTimeout_isWaitedFor_andTheWorkRuns() throws Exception {
        String address = "redis://" + TestRedis.single();
        RedisLockAdapter adapter = adapterOn(address);
        LockKey key = LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
        adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(5)), () -> null); // connections up before the spin

        RedissonClient spinner = client(address, new LockProperties.Redis("127.0.0.1", 6379, List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(1), 0, Duration.ofMillis(100), null, false));
        CompletableFuture<Object> spin = spinner.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, SPIN,
                RScript.ReturnType.LONG, List.of(), "1500000").toCompletableFuture();
        Thread.sleep(100);
        long start = System.nanoTime();
        String ran = adapter.withLocks(LockKeys.of(List.of(key)), Deadline.after(Duration.ofSeconds(5)), () -> "ran");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        spin.get(10, TimeUnit.SECONDS);

        assertThat(ran).isEqualTo("ran");
        assertThat(tookMs).as("the acquisition waited for the busy Redis").isGreaterThanOrEqualTo(1_000);
        System.out.printf("[redis busy] Redis busy for 1.5 s, client timeout 500 ms: lock acquired after %d ms%n",
                tookMs);
    }

    @Test
    void aRedisThatDoesNotAnswer_isUnavailable() throws IOException {
        String dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = "redis://127.0.0.1:" + socket.getLocalPort();
        }
        RedisLockAdapter adapter = adapterOn(dead);
        long start = System.nanoTime();

        assertThatThrownBy(() -> adapter.withLocks(LockKeys.of(List.of(LockKey.point(1))), Deadline.after(Duration.ofSeconds(3)), () -> "ran"))
                .isInstanceOf(LockUnavailableException.class);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isLessThan(5_000);
        System.out.printf("[redis down] no Redis: LOCK_UNAVAILABLE after %d ms%n", tookMs);
    }
}

package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis masters that require a password ({@code redis-server --requirepass}, {@link TestRedis#secured()}), as
 * {@code docker/compose.yaml} runs them: {@code lock-redis} and {@code lock-redlock} take their locks with
 * {@code ecommerce.lock.redis.password}; without it, or with a wrong one, the client the service starts with refuses
 * to start and names the setting, and a client that got past the start (the password changed on the server since)
 * answers {@code LOCK_UNAVAILABLE}, never a lock.
 */
class RedisPasswordIT {

    private final List<RedissonClient> clients = new ArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    private RedissonClient connect(String address, String password) {
        RedissonClient client = RedissonClients.connect(address, TestRedis.TUNING.withPassword(password));
        clients.add(client);
        return client;
    }

    private static LockKeys someKey() {
        return LockKeys.of(List.of(LockKey.point(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52))));
    }

    private static LockMetrics metrics() {
        return new LockMetrics(new SimpleMeterRegistry(), "redis");
    }

    @Test
    void lockRedis_withThePassword_holdsTheKeyInRedisWhileTheWorkRuns() {
        TestRedis.Secured secured = TestRedis.secured();
        RedissonClient client = connect(secured.addresses().getFirst(), secured.password());
        RedisLockAdapter adapter = new RedisLockAdapter(client, Duration.ofSeconds(10), metrics());
        LockKeys keys = someKey();

        boolean heldDuringWork = adapter.withLocks(keys, Deadline.after(Duration.ofSeconds(2)),
                () -> RedisLockAdapter.lockOf(client, keys).isLocked());

        assertThat(heldDuringWork).isTrue();
        assertThat(RedisLockAdapter.lockOf(client, keys).isLocked()).as("released after the work").isFalse();
        assertThat(RedissonClients.reachable(client, Duration.ofSeconds(1)).join()).isTrue();
    }

    @Test
    void lockRedlock_withThePassword_holdsTheKeyOnAQuorumOfMastersWhileTheWorkRuns() throws InterruptedException {
        TestRedis.Secured secured = TestRedis.secured();
        List<RedissonClient> masters = secured.addresses().stream().map(a -> connect(a, secured.password())).toList();
        RedLockAdapter adapter = new RedLockAdapter(masters, Duration.ofSeconds(10), metrics());
        LockKeys keys = someKey();

        long heldOn = adapter.withLocks(keys, Deadline.after(Duration.ofSeconds(2)), () -> heldOn(masters, keys));

        // the work begins once a quorum holds the key; the third master may answer a moment later
        assertThat(heldOn).as("masters holding the key during the work").isBetween(2L, 3L);
        long givenBackBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (heldOn(masters, keys) > 0 && System.nanoTime() < givenBackBy) {
            Thread.sleep(10);
        }
        assertThat(heldOn(masters, keys)).as("masters holding the key after the work").isZero();
    }

    private static long heldOn(List<RedissonClient> masters, LockKeys keys) {
        return masters.stream().filter(m -> RedisLockAdapter.lockOf(m, keys).isLocked()).count();
    }

    @Test
    void noPasswordOrAWrongOne_refusesTheStart_namingTheSetting() {
        String address = TestRedis.secured().addresses().getFirst();

        assertThatThrownBy(() -> connect(address, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(address).hasMessageContaining("ecommerce.lock.redis.password")
                .hasMessageContaining("NOAUTH");
        assertThatThrownBy(() -> connect(address, "not-the-password"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(address).hasMessageContaining("ecommerce.lock.redis.password")
                .hasMessageContaining("WRONGPASS")
                .hasMessageNotContaining("not-the-password")
                .satisfies(refused -> System.out.println("[redis password] " + refused.getMessage()));
    }

    @Test
    void aServerThatDoesNotAnswer_doesNotStopTheStart() {
        // lazy on purpose: an instance starts while a master is down, and locks once it is back
        RedissonClient client = connect("redis://127.0.0.1:1", "any");
        assertThat(RedissonClients.reachable(client, Duration.ofSeconds(1)).join()).isFalse();
    }

    @Test
    void aPasswordRefusedAfterTheStart_isLockUnavailable_forBothStrategies() {
        TestRedis.Secured secured = TestRedis.secured();
        List<RedissonClient> wrong = secured.addresses().stream()
                .map(a -> {
                    RedissonClient client = RedissonClients.create(a, TestRedis.TUNING.withPassword("stale"));
                    clients.add(client);
                    return client;
                }).toList();

        assertThatThrownBy(() -> new RedisLockAdapter(wrong.getFirst(), Duration.ofSeconds(10), metrics())
                .withLocks(someKey(), Deadline.after(Duration.ofSeconds(2)), () -> "ran"))
                .isInstanceOf(LockUnavailableException.class)
                .hasStackTraceContaining("WRONGPASS");
        assertThatThrownBy(() -> new RedLockAdapter(wrong, Duration.ofSeconds(10), metrics())
                .withLocks(someKey(), Deadline.after(Duration.ofSeconds(2)), () -> "ran"))
                .isInstanceOf(LockUnavailableException.class)
                .hasMessageContaining("0 of 3 Redis nodes reachable");
        assertThat(RedissonClients.reachable(wrong.getFirst(), Duration.ofSeconds(1)).join())
                .as("the health check's probe").isFalse();
    }
}

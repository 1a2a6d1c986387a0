package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.testing.BatchLocks;
import com.ecommerce.adapter.out.lock.testing.TestRedis;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a batch's locks cost on the real Redis, counted by Redis itself ({@code INFO commandstats}): thirty buyers'
 * balances and an item, 31 keys, are taken in one script call and given back in one more; a second holder's
 * overlapping set waits, and takes its keys once they are free.
 */
class RedisBatchRoundTripIT {

    private static final RedissonClient CLIENT = TestRedis.singleClient();

    @AfterAll
    static void close() {
        CLIENT.shutdown();
    }

    @Test
    void thirtyOneKeys_cost_oneScriptToTake_andOneToGiveBack() {
        RedisLockAdapter adapter = new RedisLockAdapter(CLIENT, Duration.ofSeconds(10),
                new LockMetrics(new SimpleMeterRegistry(), "redis"));
        LockKeys batch = batchOfThirtyBuyers();

        long before = scriptCalls();
        long during = adapter.withLocks(batch, Deadline.after(Duration.ofSeconds(2)), RedisBatchRoundTripIT::scriptCalls);
        long after = scriptCalls();

        assertThat(during - before).as("script calls to take 31 keys").isOne();
        assertThat(after - during).as("script calls to give them back").isOne();
        assertThat(RedisLockAdapter.lockOf(CLIENT, batch).isLocked()).isFalse();
    }

    @Test
    void anOverlappingSet_isHeldOut_untilTheFirstHolderGivesItsKeysBack() throws Exception {
        RedisLockAdapter first = new RedisLockAdapter(CLIENT, Duration.ofSeconds(10),
                new LockMetrics(new SimpleMeterRegistry(), "redis"));
        LockKeys batch = batchOfThirtyBuyers();
        LockKeys oneOfThem = LockKeys.of(batch.asList().get(17));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch holding = new CountDownLatch(1);

        Thread holder = Thread.ofPlatform().start(() -> first.withLocks(batch, Deadline.after(Duration.ofSeconds(2)),
                () -> {
                    order.add("batch holds");
                    holding.countDown();
                    sleep(300);
                    order.add("batch gives back");
                    return null;
                }));
        holding.await();
        first.withLocks(oneOfThem, Deadline.after(Duration.ofSeconds(2)), () -> order.add("single holds"));
        holder.join();

        assertThat(order).containsExactly("batch holds", "batch gives back", "single holds");
    }

    /** Thirty buyers' balances and an item, fresh per call. */
    static LockKeys batchOfThirtyBuyers() {
        return BatchLocks.ofThirtyBuyers();
    }

    private static long scriptCalls() {
        return scriptCalls(CLIENT);
    }

    /** Calls of EVAL and EVALSHA the server has counted (Redisson sends its lock scripts as either). */
    static long scriptCalls(RedissonClient server) {
        Map<String, String> stats = server.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(org.redisson.api.redisnode.RedisNode.InfoSection.COMMANDSTATS);
        return stats.entrySet().stream()
                .filter(e -> e.getKey().equals("cmdstat_eval") || e.getKey().equals("cmdstat_evalsha"))
                .mapToLong(e -> Long.parseLong(e.getValue().replaceAll("^calls=(\\d+),.*$", "$1"))).sum();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

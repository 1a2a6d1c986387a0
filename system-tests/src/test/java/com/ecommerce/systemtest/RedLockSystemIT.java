package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.RedisServer;
import com.ecommerce.systemtest.support.Summary;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lock-redlock} on two instances over three Redis masters of this test's own, then the masters fail: one
 * down, service as usual; two down, every request fails fast with {@code 503 LOCK_UNAVAILABLE} and writes nothing;
 * both back, the service recovers without a restart.
 */
class RedLockSystemIT extends TwoInstancesScenarios {

    /** Stated bound: with a quorum lost, a request is refused within this (probe 0.5 s, at most once a second). */
    static final long UNAVAILABLE_BOUND_MS = 1_500;

    private List<RedisServer> masters;

    @Override
    protected String strategy() {
        return "redlock";
    }

    @Override
    protected void startDependencies() {
        masters = List.of(new RedisServer(), new RedisServer(), new RedisServer());
    }

    @Override
    protected void stopDependencies() {
        masters.forEach(RedisServer::close);
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.redis.addresses",
                masters.stream().map(RedisServer::address).collect(Collectors.joining(",")),
                "ecommerce.lock.lease-time", "3s");
    }

    @Test
    @Order(2)
    void mastersFailAndComeBack() {
        long userId = Http.newUser(a, 0);
        long item = Http.newItem(a, 100, 1_000);

        masters.get(0).kill();
        Tally oneDown = Load.run(8, 60, i -> i % 3 == 0 ? Http.order(either(i), userId, item, 1)
                : Http.charge(either(i), userId, 1_000));
        assertThat(oneDown.counts().keySet()).isSubsetOf("OK", "INSUFFICIENT_POINTS");
        assertThat(oneDown.ok()).isGreaterThanOrEqualTo(40);
        Database.Snapshot afterOneDown = Database.snapshot();
        Summary.add("RedLock, 1 of 3 masters killed", strategy(), oneDown, "orders and charges keep succeeding");

        masters.get(1).kill();
        TwoInstancesScenarios.sleep(1_200);
        long started = System.nanoTime();
        Tally twoDown = Load.run(8, 40, i -> i % 2 == 0 ? Http.order(either(i), userId, item, 1)
                : Http.charge(either(i), userId, 1_000));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Http.Response sample = Http.charge(a, userId, 1);
        assertThat(twoDown.counts()).containsExactly(Map.entry("LOCK_UNAVAILABLE", 40));
        assertThat(sample.header("Retry-After")).isEqualTo("1");
        assertThat(tookMs).as("40 requests, 8 at a time, each refused within the bound")
                .isLessThan(5 * UNAVAILABLE_BOUND_MS);
        assertThat(Database.snapshot()).as("nothing written without a quorum").isEqualTo(afterOneDown);
        Summary.add("RedLock, 2 of 3 masters killed", strategy(), twoDown,
                "all 503 LOCK_UNAVAILABLE (40 requests in " + tookMs + " ms), nothing written");

        masters.get(0).start();
        masters.get(1).start();
        long restarted = System.nanoTime();
        // each instance finds the masters back on its own (its clients reconnect, its next probe counts them), so
        // both are asked until both answer: one instance recovering says nothing of the other
        boolean aBack = false;
        boolean bBack = false;
        do {
            TwoInstancesScenarios.sleep(200);
            aBack = aBack || Http.charge(a, userId, 1).status() == 200;
            bBack = bBack || Http.charge(b, userId, 1).status() == 200;
        } while (!(aBack && bBack) && System.nanoTime() - restarted < 30_000_000_000L);
        long recoveredMs = (System.nanoTime() - restarted) / 1_000_000;
        Tally back = Load.run(8, 40, i -> Http.charge(either(i), userId, 1));

        assertThat(aBack).as("instance a locks again").isTrue();
        assertThat(bBack).as("instance b locks again").isTrue();
        assertThat(back.counts()).containsExactly(Map.entry("OK", 40));
        assertConsistent();
        Summary.add("RedLock, both masters restarted", strategy(), back,
                "both instances recovered " + recoveredMs + " ms after the restart, no app restart, invariants hold");
    }
}

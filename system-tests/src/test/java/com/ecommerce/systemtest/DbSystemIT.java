package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.Summary;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lock-db} on two instances, a row held from a raw SQL session, and an instance killed mid-load. */
class DbSystemIT extends TwoInstancesScenarios {

    @Override
    protected String strategy() {
        return "db";
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.wait-timeout", "2s");
    }

    @Test
    @Order(2)
    void aRowHeldFromOutside_answers503LockTimeoutWithinTheWait_thenSucceedsOnceReleased() throws Exception {
        long userId = Http.newUser(a, 1_000);
        Database.Snapshot before;
        Tally held;
        long slowestMs;
        try (Connection outside = Database.connect()) {
            outside.setAutoCommit(false);
            try (PreparedStatement hold = outside.prepareStatement(
                    "select user_id from point_balance where user_id = ? for update")) {
                hold.setLong(1, userId);
                hold.executeQuery().close();
            }
            before = Database.snapshot();
            long started = System.nanoTime();
            held = Load.run(6, 6, i -> {
                Http.Response r = Http.charge(either(i), userId, 10);
                assertThat(r.header("Retry-After")).isEqualTo("1");
                return r;
            });
            slowestMs = (System.nanoTime() - started) / 1_000_000;
            outside.rollback();
        }

        assertThat(held.counts()).containsExactly(Map.entry("LOCK_TIMEOUT", 6));
        assertThat(slowestMs).as("2 s wait, rounded to whole seconds by InnoDB, plus 1.5 s slack").isLessThan(3_500);
        assertThat(Database.snapshot()).isEqualTo(before);
        assertThat(Http.charge(b, userId, 10).status()).isEqualTo(200);
        Summary.add("row held by a raw SQL session", strategy(), held,
                "all 503 LOCK_TIMEOUT within " + slowestMs + " ms (wait 2 s), nothing changed, then 200 once released");
    }

    @Test
    @Order(3)
    void aBatteryOfMalformedAndHostileRequests_isAnsweredPerTheContractAndChangesNothing() {
        Tally battery = BadInputBattery.run(a);
        Summary.add("bad input battery", strategy(), battery,
                battery.requests() + " requests, each with the status and code of API.md; database snapshot unchanged");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_releasesItsRowLocksWithItsTransactions() {
        killOneInstanceMidLoad(Duration.ofSeconds(3));
    }
}

package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.CommitCutter;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.SystemEnv;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lock-db} on two instances, a row held from a raw SQL session, commits whose database link is cut, and an
 * instance killed mid-load.
 */
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

    /**
     * A third instance, started for this test alone, reaches MariaDB through a {@link CommitCutter}: a relay in the
     * path of a and b would slow every transaction of theirs, and the lock waits of the other tests with it.
     */
    @Test
    @Order(6)
    void aCommitWhoseDatabaseLinkIsCut_answersWhatWasStoredAndItsKeyedRepeatLeavesOneEffect() throws Exception {
        List<CommitLinkCuts.Outcome> cuts;
        try (CommitCutter cutter = new CommitCutter(SystemEnv.dbUrl());
             ServiceInstance relayed = startInstance("c", Map.of("spring.datasource.url",
                     cutter.relayedUrl(SystemEnv.dbUrl()))).awaitReady(START_TIMEOUT)) {
            cuts = CommitLinkCuts.run(relayed, a, cutter);
        }
        Map<String, Integer> answers = new TreeMap<>();
        cuts.forEach(cut -> answers.merge(cut.answer().outcome(), 1, Integer::sum));
        Summary.add("a commit's database link cut (charge, order; before, after the commit)", strategy(),
                new Tally(answers, cuts.size()), cuts.stream().map(CommitLinkCuts.Outcome::toString)
                        .collect(Collectors.joining("; ")) + "; each repeat with its key: one effect, the same answer");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_releasesItsRowLocksWithItsTransactions() {
        killOneInstanceMidLoad(Duration.ofSeconds(3));
    }
}

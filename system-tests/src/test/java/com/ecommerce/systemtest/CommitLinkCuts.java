package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.CommitCutter;
import com.ecommerce.systemtest.support.CommitCutter.Cut;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed charge and a keyed order whose database link is cut at their commit, by a {@link CommitCutter} between
 * one instance and MariaDB: once before the commit reaches the server (rolled back) and once after the server
 * committed but before its answer reaches the instance. Each answer must agree with what was stored, and a repeat
 * under the same key, on either instance, must leave exactly one charge or order.
 */
final class CommitLinkCuts {

    /** One cut: what was sent, the answer, whether the effect was stored, and what the relay saw. */
    record Outcome(String request, Cut cut, Http.Response answer, boolean stored, String seen) {
        @Override
        public String toString() {
            return request + " " + cut + ": " + answer.status() + " " + answer.outcome() + ", "
                    + (stored ? "stored" : "nothing stored") + " (" + seen + ")";
        }
    }

    private CommitLinkCuts() {
    }

    /**
     * Runs the four cuts through {@code relayed}, the instance behind the cutter, and repeats each on it and on
     * {@code direct}.
     */
    static List<Outcome> run(ServiceInstance relayed, ServiceInstance direct, CommitCutter cutter)
            throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Cut cut : Cut.values()) {
            outcomes.add(charge(relayed, direct, cutter, cut));
            outcomes.add(order(relayed, direct, cutter, cut));
        }
        return outcomes;
    }

    private static Outcome charge(ServiceInstance relayed, ServiceInstance direct, CommitCutter cutter, Cut cut)
            throws InterruptedException {
        long user = Http.newUser(direct, 1_000);
        String path = "/api/v1/users/" + user + "/points/charge";
        String[] headers = {"Authorization", Tokens.bearer(Tokens.user(user)), "Idempotency-Key", "cut-charge"};
        cutter.arm(cut);
        Http.Response answer = Http.post(relayed, path, "{\"amount\":250}", headers);
        assertThat(cutter.awaitCut(Duration.ofSeconds(10))).as("the charge's commit was cut").isTrue();
        boolean stored = recorded(user, "cut-charge");
        Outcome outcome = new Outcome("charge", cut, answer, stored, cutter.lastCut());
        assertAnswerAgreesWithStore(outcome);
        assertThat(Database.balance(user)).isEqualTo(stored ? 1_250 : 1_000);
        assertThat(charges(user)).isEqualTo(stored ? 2 : 1);

        List<Http.Response> repeats = List.of(Http.post(relayed, path, "{\"amount\":250}", headers),
                Http.post(direct, path, "{\"amount\":250}", headers));
        assertThat(repeats).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"userId\":" + user + ",\"balance\":1250}");
        });
        assertThat(Database.balance(user)).as("charged once").isEqualTo(1_250);
        assertThat(charges(user)).as("the opening charge and this one").isEqualTo(2);
        TwoInstancesScenarios.assertConsistent();
        return outcome;
    }

    private static Outcome order(ServiceInstance relayed, ServiceInstance direct, CommitCutter cutter, Cut cut)
            throws InterruptedException {
        long buyer = Http.newUser(direct, 10_000);
        long item = Http.newItem(direct, 1_000, 10);
        String body = "{\"userId\":" + buyer + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":2}]}";
        String[] headers = {"Authorization", Tokens.bearer(Tokens.user(buyer)), "Idempotency-Key", "cut-order"};
        cutter.arm(cut);
        Http.Response answer = Http.post(relayed, "/api/v1/orders", body, headers);
        assertThat(cutter.awaitCut(Duration.ofSeconds(10))).as("the order's commit was cut").isTrue();
        boolean stored = recorded(buyer, "cut-order");
        Outcome outcome = new Outcome("order", cut, answer, stored, cutter.lastCut());
        assertAnswerAgreesWithStore(outcome);
        assertThat(orders(buyer)).isEqualTo(stored ? 1 : 0);
        assertThat(Database.balance(buyer)).isEqualTo(stored ? 8_000 : 10_000);
        assertThat(Database.stock(item)).isEqualTo(stored ? 8 : 10);

        List<Http.Response> repeats = List.of(Http.post(relayed, "/api/v1/orders", body, headers),
                Http.post(direct, "/api/v1/orders", body, headers));
        long orderId = Database.number("select id from orders where user_id = ?", buyer);
        assertThat(repeats).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.json().path("orderId").asLong()).isEqualTo(orderId);
            assertThat(r.body()).isEqualTo(repeats.getFirst().body());
        });
        assertThat(orders(buyer)).as("one order").isEqualTo(1);
        assertThat(Database.balance(buyer)).as("paid once").isEqualTo(8_000);
        assertThat(Database.stock(item)).isEqualTo(8);
        TwoInstancesScenarios.assertConsistent();
        return outcome;
    }

    /**
     * The instance never learns how a cut commit ended, so it may claim neither success nor a refusal (a {@code 4xx}
     * such as {@code 409 CONCURRENT_UPDATE} says that nothing changed, which is false after the commit): it answers
     * {@code 503 COMMIT_OUTCOME_UNKNOWN}, which says exactly that, with {@code Retry-After}. Cut before the commit,
     * nothing is stored; cut after it, the effect and its key's record are stored, whole.
     */
    private static void assertAnswerAgreesWithStore(Outcome outcome) {
        assertThat(outcome.answer().status()).as("%s: the instance can tell neither success nor refusal", outcome)
                .isEqualTo(503);
        assertThat(outcome.answer().outcome()).as("%s", outcome).isEqualTo("COMMIT_OUTCOME_UNKNOWN");
        assertThat(outcome.answer().header("Retry-After")).as("%s", outcome).isEqualTo("1");
        assertThat(outcome.stored()).as("%s: stored exactly when the server committed", outcome)
                .isEqualTo(outcome.cut() == Cut.AFTER_COMMIT);
    }

    private static boolean recorded(long user, String key) {
        return Database.number("select count(*) from idempotency_record where user_id = ? and idem_key = ?", user,
                key) == 1;
    }

    private static long charges(long user) {
        return Database.number("select count(*) from point_history where user_id = ? and type = 'CHARGE'", user);
    }

    private static long orders(long buyer) {
        return Database.number("select count(*) from orders where user_id = ?", buyer);
    }
}

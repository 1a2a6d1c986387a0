package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money paths raced over two instances, each on the instances of one strategy's system test: charges and orders
 * spending one balance, and keyed repeats of one order mixed with other buyers' orders of the same item. Each ends
 * with the exact state the successes account for.
 */
final class MoneyRaces {

    static final long START_BALANCE = 3_000;
    static final long CHARGE = 200;
    static final long PRICE = 500;
    static final int STOCK = 20;
    static final int EACH = 40;
    /** At most this many rounds of the keyed-order race, until one shows a copy refused in a later batch. */
    private static final int KEYED_ROUNDS = 3;

    private MoneyRaces() {
    }

    /**
     * One buyer's 40 charges of 200 and 40 orders of one unit at 500 (20 in stock), released together and spread
     * over both instances (each kind on each). Whatever interleaving happened, the balance, the stock, the orders and
     * the history are exactly what the successes say. Refusals are only the business ones (the balance or the stock
     * ran out at that moment) and, where the strategy does not exclude writers across instances, {@code 409
     * CONCURRENT_UPDATE}, which charges meet only in that case.
     *
     * <p>A floor of successes where conflicts are allowed: every write here takes the buyer's balance. With
     * {@code lock-jvm} each instance runs its writers of that balance one at a time, so a write refused on one
     * instance was overtaken by a commit of the other instance inside its own window, and one commit falls in at most
     * one window of the other instance: refused writes (a charge is one, a batch of orders one or more orders) are at
     * most the writes that succeeded, so successes are at least the refused charges. With {@code lock-optimistic} a
     * request is refused only after {@link #OPTIMISTIC_ATTEMPTS} attempts, each overtaken by a commit, and one commit
     * overtakes at most the other 15 client threads' attempts: successes are at least refused charges x 10 / 15.
     */
    static void chargesAndOrdersOnOneBalance(ServiceInstance a, ServiceInstance b, String strategy,
                                             boolean excludesWriters) {
        long buyer = Http.newUser(a, START_BALANCE);
        long item = Http.newItem(b, PRICE, STOCK);
        Map<Integer, String> outcomes = new ConcurrentHashMap<>();
        Tally all = Load.run(CLIENT_THREADS, 2 * EACH, i -> {
            ServiceInstance to = (i / 2) % 2 == 0 ? a : b;
            Http.Response r = i % 2 == 0 ? Http.charge(to, buyer, CHARGE) : Http.order(to, buyer, item, 1);
            outcomes.put(i, r.outcome());
            return r;
        });
        Tally charges = tally(outcomes, 0);
        Tally orders = tally(outcomes, 1);
        long charged = charges.ok();
        long placed = orders.ok();

        assertThat(Database.balance(buyer)).as("balance").isEqualTo(START_BALANCE + CHARGE * charged - PRICE * placed);
        assertThat(Database.stock(item)).as("stock").isEqualTo(STOCK - placed);
        assertThat(Database.sold(item)).isEqualTo(placed);
        assertThat(Database.number("select count(*) from orders where user_id = ? and status = 'PAID'", buyer))
                .as("orders stored").isEqualTo(placed);
        assertThat(Database.number("select count(*) from point_history where user_id = ? and type = 'CHARGE'", buyer))
                .as("charge entries: the opening one and one per charge").isEqualTo(1 + charged);
        assertThat(Database.number("select coalesce(sum(amount), 0) from point_history where user_id = ? "
                + "and type = 'USE'", buyer)).as("paid").isEqualTo(PRICE * placed);
        assertThat(Database.number("select count(*) from point_history where user_id = ? and type = 'USE'", buyer))
                .isEqualTo(placed);
        TwoInstancesScenarios.assertConsistent();
        if (orders.of("OUT_OF_STOCK") > 0) {
            assertThat(placed).as("OUT_OF_STOCK was answered, so the stock ran out").isEqualTo(STOCK);
        }
        if (excludesWriters) {
            assertThat(charges.counts()).containsExactly(Map.entry("OK", EACH));
            assertThat(orders.counts().keySet()).isSubsetOf("OK", "INSUFFICIENT_POINTS", "OUT_OF_STOCK");
        } else {
            assertThat(charges.counts().keySet()).isSubsetOf("OK", "CONCURRENT_UPDATE");
            assertThat(orders.counts().keySet())
                    .isSubsetOf("OK", "INSUFFICIENT_POINTS", "OUT_OF_STOCK", "CONCURRENT_UPDATE");
            assertThat(charged + placed).as("successes, at least the floor of " + strategy)
                    .isGreaterThanOrEqualTo(successFloor(strategy, charges.of("CONCURRENT_UPDATE")));
        }
        // the opening balance alone pays 6 orders, and only an order lowers it: fewer than 6 placed would have left
        // every order affordable and in stock, so all 40 placed
        assertThat(placed).isGreaterThanOrEqualTo(excludesWriters ? START_BALANCE / PRICE : 1);
        Summary.add("one balance: 40 charges and 40 orders racing, 2 instances", strategy, all,
                "charges " + charges.counts() + ", orders " + orders.counts() + "; balance 3000 + 200 x " + charged
                        + " - 500 x " + placed + " = " + Database.balance(buyer) + ", stock 20 - " + placed
                        + ", history and orders exact");
    }

    /** lock-optimistic's default {@code max-attempts}. */
    static final int OPTIMISTIC_ATTEMPTS = 10;

    /** The client threads of a load: one commit can overtake the attempts of all the others. */
    static final int CLIENT_THREADS = 16;

    /**
     * The fewest successful writes that leave {@code refused} single writes ({@code 409 CONCURRENT_UPDATE}, each its
     * own window: charges) refused by a strategy that does not exclude writers across instances (see
     * {@link #chargesAndOrdersOnOneBalance}): {@code refused} for {@code lock-jvm}, whose instances each run one
     * writer of a key at a time; {@code refused x 10 / 15} for {@code lock-optimistic}; and never none.
     */
    static long successFloor(String strategy, long refused) {
        long floor = strategy.equals("optimistic")
                ? (refused * OPTIMISTIC_ATTEMPTS + CLIENT_THREADS - 2) / (CLIENT_THREADS - 1) : refused;
        return Math.max(1, floor);
    }

    private static Tally tally(Map<Integer, String> outcomes, int kind) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach((i, outcome) -> {
            if (i % 2 == kind) {
                counts.merge(outcome, 1, Integer::sum);
            }
        });
        return new Tally(counts, EACH);
    }

    /**
     * One buyer's order sent 20 times at once with one {@code Idempotency-Key} (10 copies to each instance), among 30
     * other buyers' orders of the same item, so that the copies meet in batches on both instances; then 4 more copies
     * after. Exactly one order is placed and paid; every answer to a copy is the same {@code 201} body (API.md: a
     * repeat in flight waits for the first and replays it), except, where writers are not excluded, a clean {@code
     * 409 CONCURRENT_UPDATE} that changed nothing. A copy admitted before the first one committed and run in a later
     * batch finds its key claimed: that batch rolls back, the copy is answered by the replay and the rest run again;
     * the instances count such a copy as a refused member of its batch. Where writers are excluded no other order
     * here is refused, so that count shows the path ran. Whether a copy lands in a later batch is the machine's
     * timing: the race runs again with a new buyer, item and key (at most {@value #KEYED_ROUNDS} rounds, each checked
     * exactly) until one round has shown the path.
     */
    static void keyedOrderRepeatsAmongOtherBuyers(ServiceInstance a, ServiceInstance b, String strategy,
                                                  boolean excludesWriters) {
        double claimedElsewhere = 0;
        for (int round = 1; round <= KEYED_ROUNDS && (round == 1 || excludesWriters && claimedElsewhere == 0);
             round++) {
            claimedElsewhere += keyedOrderRound(a, b, strategy, excludesWriters);
        }
        if (excludesWriters) {
            assertThat(claimedElsewhere).as("copies that found their key claimed by a copy already committed, in "
                    + KEYED_ROUNDS + " rounds at most").isPositive();
        }
    }

    /** One round of {@link #keyedOrderRepeatsAmongOtherBuyers}; returns the members refused in their batch. */
    private static double keyedOrderRound(ServiceInstance a, ServiceInstance b, String strategy,
                                          boolean excludesWriters) {
        long buyer = Http.newUser(a, 100_000);
        long item = Http.newItem(a, 1_000, 100);
        long[] others = LongStream.range(0, 30).map(i -> Http.newUser(i % 2 == 0 ? a : b, 10_000)).toArray();
        String body = "{\"userId\":" + buyer + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":2}]}";
        String token = Tokens.bearer(Tokens.user(buyer));
        String key = "repeat-" + strategy + "-" + buyer;
        double refusedBefore = batchOrders(a, "refused") + batchOrders(b, "refused");
        double combinedBefore = combinedBatches(a) + combinedBatches(b);
        ConcurrentLinkedQueue<Http.Response> copies = new ConcurrentLinkedQueue<>();
        Tally mixed = Load.run(25, 50, i -> {
            ServiceInstance to = i % 2 == 0 ? a : b;
            if (i % 5 < 2) {
                Http.Response copy = Http.post(to, "/api/v1/orders", body, "Authorization", token,
                        "Idempotency-Key", key);
                copies.add(copy);
                return copy;
            }
            return Http.order(to, others[(i / 5) * 3 + i % 5 - 2], item, 1);
        });
        List<Http.Response> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(Http.post(i % 2 == 0 ? a : b, "/api/v1/orders", body, "Authorization", token,
                    "Idempotency-Key", key));
        }
        double claimedElsewhere = batchOrders(a, "refused") + batchOrders(b, "refused") - refusedBefore;
        double combined = combinedBatches(a) + combinedBatches(b) - combinedBefore;

        long othersPlaced = mixed.ok() - copies.stream().filter(r -> r.status() == 201).count();
        assertThat(Database.number("select count(*) from orders where user_id = ?", buyer)).as("one order")
                .isEqualTo(1);
        long orderId = Database.number("select id from orders where user_id = ?", buyer);
        assertThat(Database.balance(buyer)).as("paid once").isEqualTo(100_000 - 2_000);
        assertThat(Database.number("select count(*) from point_history where user_id = ? and type = 'USE'", buyer))
                .isEqualTo(1);
        assertThat(Database.stock(item)).as("stock").isEqualTo(100 - 2 - othersPlaced);
        assertThat(Database.sold(item)).isEqualTo(2 + othersPlaced);
        TwoInstancesScenarios.assertConsistent();
        String first = after.getFirst().body();
        assertThat(after).as("the repeats after").allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(first);
            assertThat(r.header("Location")).endsWith("/api/v1/orders/" + orderId);
        });
        assertThat(after.getFirst().json().path("orderId").asLong()).isEqualTo(orderId);
        assertThat(copies).as("the concurrent copies").allSatisfy(r -> {
            if (r.status() == 201 || excludesWriters) {
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.body()).isEqualTo(first);
            } else {
                assertThat(r.outcome()).isEqualTo("CONCURRENT_UPDATE");
            }
        });
        if (excludesWriters) {
            assertThat(mixed.counts()).containsExactly(Map.entry("OK", 50));
        } else {
            assertThat(mixed.counts().keySet()).isSubsetOf("OK", "CONCURRENT_UPDATE");
            assertThat(copies.stream().filter(r -> r.status() == 201).count() + othersPlaced)
                    .as("the first batch to commit on the item always succeeds").isPositive();
        }
        Summary.add("20 copies of one keyed order among 30 buyers, 2 instances", strategy, mixed,
                "1 order, paid once, every 201 copy the same body, 4 later repeats replayed; "
                        + (long) combined + " batches of 2+, " + (long) claimedElsewhere
                        + " members refused in their batch (key claimed first elsewhere, or a conflict)");
        return claimedElsewhere;
    }

    /** Order combining's batches of more than one order so far, as the instance counts them. */
    static double combinedBatches(ServiceInstance instance) {
        return metric(instance, "ecommerce_order_batches_total{", line -> !line.contains("size=\"1\""));
    }

    private static double batchOrders(ServiceInstance instance, String outcome) {
        return metric(instance, "ecommerce_order_batch_orders_total{", line -> line.contains(
                "outcome=\"" + outcome + "\""));
    }

    private static double metric(ServiceInstance instance, String prefix, Predicate<String> which) {
        Http.Response scrape = Http.get(instance, "/actuator/prometheus", Http.ADMIN);
        Http.expect(scrape, 200);
        return scrape.body().lines().filter(line -> line.startsWith(prefix) && which.test(line))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

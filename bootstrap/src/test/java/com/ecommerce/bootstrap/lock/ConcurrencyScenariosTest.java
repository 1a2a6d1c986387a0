package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.support.LockStrategy;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.bootstrap.support.Concurrently;
import com.ecommerce.bootstrap.support.Concurrently.Outcome;
import com.ecommerce.bootstrap.support.IntegrationTest;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import static com.ecommerce.bootstrap.support.IntegrationTest.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three races of the source report, through the real use cases, with real threads, on the real database
 * (and Redis), for each strategy (one subclass per strategy). Every scenario asserts the exact final state.
 */
public abstract class ConcurrencyScenariosTest extends IntegrationTest {

    @Autowired
    LockStrategy strategy;
    @Autowired
    ChargePointUseCase chargePoint;
    @Autowired
    PlaceOrderUseCase placeOrder;
    @Autowired
    MeterRegistry meters;

    /**
     * Whether the strategy excludes concurrent writers. A working lock never lets a stale write reach the version
     * check, so a locking strategy answers not one {@code CONCURRENT_UPDATE}: every request ends on its merits.
     * Without exclusion ({@code lock-optimistic}) a request may end as a clean {@code CONCURRENT_UPDATE} once its
     * attempts run out; the state must still add up exactly.
     */
    protected boolean excludesWriters() {
        return true;
    }

    /** How many attempts a request makes before it is refused, where {@link #excludesWriters()} is false. */
    protected int attemptsBeforeRefusal() {
        throw new UnsupportedOperationException("a locking strategy refuses no request");
    }

    private int ok(Map<String, Integer> outcomes) {
        return outcomes.getOrDefault("OK", 0);
    }

    /**
     * The floor of successes when a refusing strategy refused something: a refused request ran all its attempts
     * (the subclass checks that in {@link #raceEnded()}), and each attempt was refused because another request
     * committed a write to a row it had read after it read it; its next attempt read that commit, so those commits
     * are distinct, and each one holds at least one success. At least {@code attempts} successes, or all that were
     * possible.
     */
    private int floorOfSuccesses(int possible) {
        return Math.min(possible, attemptsBeforeRefusal());
    }

    /**
     * Every request ended on its merits, exactly as {@code expected}: always for a locking strategy, and for a
     * refusing one when it refused none. Otherwise what is not a success is a clean {@code CONCURRENT_UPDATE} (the
     * wait of 30 s never runs out here, so a {@code LOCK_TIMEOUT} would be a fault), at least the floor succeeded,
     * and no other outcome is more frequent than expected.
     */
    private void assertOutcomes(Map<String, Integer> outcomes, Map<String, Integer> expected) {
        if (excludesWriters() || !outcomes.containsKey("CONCURRENT_UPDATE")) {
            assertThat(outcomes).as("outcomes (no CONCURRENT_UPDATE: no stale write reached the version check)")
                    .containsExactlyInAnyOrderEntriesOf(expected);
            return;
        }
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        Set<String> allowed = new TreeSet<>(expected.keySet());
        allowed.add("CONCURRENT_UPDATE");
        assertThat(outcomes.keySet()).as("codes other than the expected ones must be CONCURRENT_UPDATE")
                .isSubsetOf(allowed);
        int possible = expected.getOrDefault("OK", 0);
        assertThat(ok(outcomes)).as("successes (floor %d of %d attempts)", floorOfSuccesses(possible),
                attemptsBeforeRefusal()).isBetween(floorOfSuccesses(possible), possible);
        expected.forEach((code, count) -> assertThat(outcomes.getOrDefault(code, 0)).as(code)
                .isLessThanOrEqualTo(count));
    }

    /** Counts outcomes by error code ("OK" for success); anything but a DomainException fails the test. */
    static <T> Map<String, Integer> tally(List<Outcome<T>> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Outcome<T> o : outcomes) {
            String key;
            if (o.succeeded()) {
                key = "OK";
            } else if (o.failure() instanceof DomainException e) {
                key = e.code().name();
            } else {
                throw new AssertionError("unexpected failure", o.failure());
            }
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private long balance(long userId) {
        return jdbc.queryForObject("select balance from point_balance where user_id = ?", Long.class, userId);
    }

    private long stock(long itemId) {
        return jdbc.queryForObject("select quantity from item_stock where item_id = ?", Long.class, itemId);
    }

    private long historySum(long userId) {
        return jdbc.queryForObject("select coalesce(sum(case when type = 'CHARGE' then amount else -amount end), 0) "
                + "from point_history where user_id = ?", Long.class, userId);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private void report(String scenario, Map<String, Integer> outcomes, String state) {
        System.out.printf("[scenario:%s] %s -> %s; %s%n", strategy.strategy().id(), scenario, outcomes, state);
        raceEnded();
    }

    /** Called when the fixtures are ready and the threads are about to be released. */
    protected void raceStarts() {
    }

    /** Called after the race's result is reported. */
    protected void raceEnded() {
    }

    private <T> List<Outcome<T>> race(int threads, IntFunction<T> task) {
        raceStarts();
        return Concurrently.run(threads, task);
    }

    @Test
    void lockMetricsAndHealthAreExposed() {
        chargePoint.charge(ADMIN, new ChargePointCommand(api.newUser("metrics"), 1, null));
        String name = strategy.strategy().id();

        String prometheus = api.get("/actuator/prometheus").body();
        var health = api.get("/actuator/health").json();

        assertThat(prometheus).contains(
                "ecommerce_lock_wait_seconds_count{outcome=\"acquired\",strategy=\"" + name + "\"}",
                "ecommerce_lock_hold_seconds_count{strategy=\"" + name + "\"}",
                "ecommerce_lock_failures_total{reason=\"timeout\",strategy=\"" + name + "\"}");
        assertThat(api.get("/actuator/info").json().path("lock").path("strategy").asString()).isEqualTo(name);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        if (name.startsWith("red")) {
            assertThat(health.path("components").path("redisLock").path("status").asString()).isEqualTo("UP");
        }
        if (name.equals("jdbc")) {
            assertThat(health.path("components").path("jdbcLock").path("status").asString()).isEqualTo("UP");
        }
        if (name.equals("hazelcast")) {
            assertThat(health.path("components").path("hazelcastLock").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("hazelcastLock").path("details").path("members").asInt())
                    .isPositive();
        }
        if (name.equals("etcd")) {
            assertThat(health.path("components").path("etcdLock").path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void hundredConcurrentChargesOfOneBalance_allLandExactly() {
        long userId = api.newUser("charges");

        Map<String, Integer> outcomes = tally(race(100,
                i -> chargePoint.charge(ADMIN, new ChargePointCommand(userId, 100, null))));

        assertOutcomes(outcomes, Map.of("OK", 100));
        assertThat(balance(userId)).isEqualTo(100L * ok(outcomes));
        assertThat(count("select count(*) from point_history where user_id = ?", userId)).isEqualTo(ok(outcomes));
        assertThat(historySum(userId)).isEqualTo(balance(userId));
        report("100 charges of 100", outcomes, "balance " + balance(userId) + ", history rows " + ok(outcomes));
    }

    @Test
    void fiftyBuyersOfTheLastTenUnits_exactlyTenSucceed() {
        long itemId = api.newItem(1_000, 10);
        long[] buyers = LongStream.range(0, 50).map(i -> api.newUserWithBalance(10_000)).toArray();

        Map<String, Integer> outcomes = tally(race(50, i -> placeOrder.placeOrder(ADMIN,
                new PlaceOrderCommand(buyers[i], List.of(new PlaceOrderCommand.Line(itemId, 1)), null))));

        assertOutcomes(outcomes, Map.of("OK", 10, "OUT_OF_STOCK", 40));
        int sold = ok(outcomes);
        assertThat(stock(itemId)).isEqualTo(10 - sold);
        long balances = LongStream.of(buyers).map(this::balance).sum();
        assertThat(balances).isEqualTo(50 * 10_000L - sold * 1_000L);
        assertThat(count("select count(*) from orders o join order_line l on l.order_id = o.id where l.item_id = ?",
                itemId)).isEqualTo(sold);
        for (long buyer : buyers) {
            assertThat(historySum(buyer)).isEqualTo(balance(buyer));
        }
        report("50 buyers, stock 10", outcomes, "stock " + stock(itemId) + ", balances " + balances + ", orders " + sold);
    }

    @Test
    void crossingMultiItemOrders_allFinishWithoutDeadlock() {
        long a = api.newItem(10, 1_000);
        long b = api.newItem(10, 1_000);
        long[] buyers = LongStream.range(0, 40).map(i -> api.newUserWithBalance(1_000)).toArray();

        Map<String, Integer> outcomes = tally(race(40, i -> placeOrder.placeOrder(ADMIN, new PlaceOrderCommand(
                buyers[i], i % 2 == 0
                ? List.of(new PlaceOrderCommand.Line(a, 1), new PlaceOrderCommand.Line(b, 1))
                : List.of(new PlaceOrderCommand.Line(b, 1), new PlaceOrderCommand.Line(a, 1)), null))));

        assertOutcomes(outcomes, Map.of("OK", 40));
        assertThat(stock(a)).isEqualTo(1_000 - ok(outcomes));
        assertThat(stock(b)).isEqualTo(1_000 - ok(outcomes));
        report("20 x [A,B] + 20 x [B,A]", outcomes, "stock A " + stock(a) + ", B " + stock(b));
    }

    @Test
    void concurrentOrdersSpendingOneBalance_neverGoBelowZero() {
        long userId = api.newUserWithBalance(10_000);
        long itemId = api.newItem(1_000, 100);

        List<Outcome<Order>> results = race(30, i -> placeOrder.placeOrder(ADMIN,
                new PlaceOrderCommand(userId, List.of(new PlaceOrderCommand.Line(itemId, 1)), null)));
        Map<String, Integer> outcomes = tally(results);

        assertOutcomes(outcomes, Map.of("INSUFFICIENT_POINTS", 20, "OK", 10));
        int paid = ok(outcomes);
        assertThat(balance(userId)).isEqualTo(10_000 - 1_000L * paid).isNotNegative();
        assertThat(historySum(userId)).isEqualTo(balance(userId));
        assertThat(stock(itemId)).isEqualTo(100 - paid);
        assertThat(count("select count(*) from orders where user_id = ?", userId)).isEqualTo(paid);
        report("30 orders of 1,000 on a balance of 10,000", outcomes, "balance " + balance(userId)
                + ", history sum " + historySum(userId) + ", stock " + stock(itemId) + ", orders " + paid);
    }

    /** Batches of more than one order placed so far by this instance (order combining's size classes). */
    private double combinedBatches() {
        return meters.find("ecommerce.order.batches").counters().stream()
                .filter(counter -> !"1".equals(counter.getId().getTag("size")))
                .mapToDouble(Counter::count).sum();
    }

    private double placedInBatches() {
        return meters.get("ecommerce.order.batch.orders").tag("outcome", "placed").counter().count();
    }

    /**
     * Order combining in the middle of everything at once: 60 orders for a hot item with 30 units (some buyers
     * twice, some who cannot pay), 20 charges of the same buyers, and 20 multi-item orders of the hot item and
     * another, half listing them the other way round. The hot item's last units sell exactly once, every balance is
     * exactly its charges minus its orders, nothing deadlocks, and some orders really were placed in batches.
     */
    @Test
    void aCombinedHotSale_withChargesAndMultiItemOrdersAlongside_endsExact() {
        long hot = api.newItem(100, 30);
        long other = api.newItem(10, 1_000);
        long[] buyers = LongStream.range(0, 40).map(i -> api.newUserWithBalance(i % 5 == 4 ? 50 : 1_000)).toArray();
        double batchesBefore = combinedBatches();
        double placedBefore = placedInBatches();

        List<Outcome<Object>> results = race(100, i -> {
            long buyer = buyers[i % 40];
            if (i < 60) {
                return placeOrder.placeOrder(ADMIN,
                        new PlaceOrderCommand(buyer, List.of(new PlaceOrderCommand.Line(hot, 1)), null));
            }
            if (i < 80) {
                return chargePoint.charge(ADMIN, new ChargePointCommand(buyer, 10, null));
            }
            return placeOrder.placeOrder(ADMIN, new PlaceOrderCommand(buyer, i % 2 == 0
                    ? List.of(new PlaceOrderCommand.Line(hot, 1), new PlaceOrderCommand.Line(other, 1))
                    : List.of(new PlaceOrderCommand.Line(other, 1), new PlaceOrderCommand.Line(hot, 1)), null));
        });
        Map<String, Integer> outcomes = tally(results);

        assertThat(outcomes.keySet()).as("no lock timeout, no deadlock: every request ended on its merits")
                .isSubsetOf("OK", "OUT_OF_STOCK", "INSUFFICIENT_POINTS", "CONCURRENT_UPDATE");
        if (excludesWriters() || !outcomes.containsKey("CONCURRENT_UPDATE")) {
            assertThat(outcomes).as("no CONCURRENT_UPDATE: no stale write reached the version check")
                    .doesNotContainKey("CONCURRENT_UPDATE");
            assertThat(stock(hot)).as("the last units sold exactly once").isZero();
            assertThat(ok(outcomes)).as("30 orders of the hot item and 20 charges").isEqualTo(50);
        } else {
            assertThat(ok(outcomes)).as("successes (floor of %d attempts)", attemptsBeforeRefusal())
                    .isGreaterThanOrEqualTo(floorOfSuccesses(50));
        }
        long hotSold = count("select count(*) from order_line where item_id = ?", hot);
        long otherSold = count("select count(*) from order_line where item_id = ?", other);
        assertThat(stock(hot)).isEqualTo(30 - hotSold).isNotNegative();
        assertThat(stock(other)).isEqualTo(1_000 - otherSold);
        long orders = count("select count(*) from orders o where exists (select 1 from order_line l "
                + "where l.order_id = o.id and l.item_id = ?)", hot);
        long charges = 0;
        for (int b = 0; b < buyers.length; b++) {
            long buyer = buyers[b];
            long funded = b % 5 == 4 ? 50 : 1_000;
            long charged = count("select count(*) from point_history where user_id = ? and type = 'CHARGE'", buyer) - 1;
            long spent = count("select coalesce(sum(total_amount), 0) from orders where user_id = ?", buyer);
            assertThat(balance(buyer)).as("balance of " + buyer).isEqualTo(funded + 10 * charged - spent)
                    .isEqualTo(historySum(buyer)).isNotNegative();
            charges += charged;
        }
        assertThat(ok(outcomes)).isEqualTo(orders + charges);
        assertThat(combinedBatches() - batchesBefore).as("orders placed in batches of more than one").isPositive();
        assertThat(placedInBatches() - placedBefore).isEqualTo(orders);
        report("60 x hot + 20 charges + 20 x [hot, other]", outcomes, "hot stock " + stock(hot) + ", orders "
                + orders + ", batches of 2+ " + (combinedBatches() - batchesBefore));
    }

    /**
     * The same keyed order sent three times at once by each of 20 buyers: with combining, repeats can meet in one
     * batch; each buyer still orders and pays once, and all three answers carry the one order.
     */
    @Test
    void idempotentRepeatsMeetingInOneBatch_orderAndPayOnce() {
        long itemId = api.newItem(100, 1_000);
        long[] buyers = LongStream.range(0, 20).map(i -> api.newUserWithBalance(1_000)).toArray();

        List<Outcome<Order>> results = race(60, i -> placeOrder.placeOrder(ADMIN, new PlaceOrderCommand(
                buyers[i % 20], List.of(new PlaceOrderCommand.Line(itemId, 1)), new IdempotencyKey("repeat-" + i % 20))));
        Map<String, Integer> outcomes = tally(results);

        assertOutcomes(outcomes, Map.of("OK", 60));
        long placed = count("select count(*) from orders o join order_line l on l.order_id = o.id where l.item_id = ?",
                itemId);
        assertThat(placed).as("orders placed").isLessThanOrEqualTo(20);
        if (!outcomes.containsKey("CONCURRENT_UPDATE")) {
            assertThat(placed).as("orders placed: one per buyer").isEqualTo(20);
        }
        assertThat(stock(itemId)).isEqualTo(1_000 - placed);
        for (int b = 0; b < 20; b++) {
            long buyer = buyers[b];
            long ordersOfBuyer = count("select count(*) from orders where user_id = ?", buyer);
            assertThat(ordersOfBuyer).as("orders of buyer " + buyer).isLessThanOrEqualTo(1);
            assertThat(balance(buyer)).isEqualTo(1_000 - 100 * ordersOfBuyer).isEqualTo(historySum(buyer));
            int index = b;
            List<Long> answered = java.util.stream.IntStream.range(0, 60).filter(i -> i % 20 == index)
                    .mapToObj(results::get).filter(Outcome::succeeded).map(o -> o.value().id()).distinct().toList();
            assertThat(answered).as("the answers of buyer " + buyer).hasSizeLessThanOrEqualTo(1);
            assertThat(ordersOfBuyer).as("orders of buyer " + buyer + ", answered " + answered)
                    .isEqualTo(answered.size());
        }
        report("20 buyers x 3 repeats of one keyed order", outcomes, "orders " + placed + ", stock " + stock(itemId));
    }
}

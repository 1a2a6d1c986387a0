package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.Load;
import com.ecommerce.systemtest.support.Load.Tally;
import com.ecommerce.systemtest.support.PaymentGatewaySimulator;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.Summary;
import com.ecommerce.systemtest.support.SystemEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged service, as OS processes, on one database, with one lock strategy. Requests are
 * spread over both; the database is checked afterwards. Subclasses add the strategy's faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoInstancesScenarios {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    protected ServiceInstance a;
    protected ServiceInstance b;

    /** The strategy, as its profile without {@code lock-}. */
    protected abstract String strategy();

    /** Extra properties of both instances. */
    protected Map<String, String> properties() {
        return Map.of();
    }

    /** Whether the strategy excludes writers across instances (all but jvm and optimistic). */
    protected boolean excludesWritersAcrossInstances() {
        return true;
    }

    protected void startDependencies() {
    }

    protected void stopDependencies() {
    }

    protected ServiceInstance startInstance(String name) {
        return startInstance(name, Map.of());
    }

    /** An instance with {@code extra} properties of its own, over those of both. */
    protected ServiceInstance startInstance(String name, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.profiles.active", SystemEnv.dbProfile() + ",lock-" + strategy());
        props.put("ecommerce.lock.wait-timeout", "10s");
        props.putAll(PaymentGatewaySimulator.shared().instanceProperties());
        // b sends idempotency keys to the gateway, a does not: the payment scenarios count confirms sent either way
        props.put("ecommerce.payment.gateway.idempotency-keys", String.valueOf(name.startsWith("b")));
        props.putAll(properties());
        props.putAll(extra);
        return ServiceInstance.start(strategy() + "-" + name, props);
    }

    @BeforeAll
    void startPair() {
        Database.recreate();
        startDependencies();
        // the first instance creates the schema; the second starts once it is there
        a = startInstance("a").awaitReady(START_TIMEOUT);
        b = startInstance("b").awaitReady(START_TIMEOUT);
    }

    @AfterAll
    void stopPair() {
        ServiceInstance.stopEach(a, b);
        stopDependencies();
    }

    protected ServiceInstance either(int i) {
        return i % 2 == 0 ? a : b;
    }

    protected static void assertConsistent() {
        assertThat(Database.invariantViolations()).as("database invariants").isEmpty();
    }

    @Test
    @Order(1)
    void concurrentChargesAndOrdersSpreadOverTwoInstances_endExact() {
        long hot = Http.newUser(a, 0);
        Tally charges = Load.run(16, 100, i -> Http.charge(either(i), hot, 100));

        long item = Http.newItem(a, 1_000, 20);
        long[] buyers = LongStream.range(0, 40).map(i -> Http.newUser(either((int) i), 5_000)).toArray();
        Tally orders = Load.run(16, 40, i -> Http.order(either(i), buyers[i], item, 1));

        assertThat(Database.balance(hot)).isEqualTo(100L * charges.ok());
        long sold = Database.sold(item);
        assertThat(sold).isEqualTo(orders.ok());
        assertThat(Database.stock(item)).isEqualTo(20 - sold).isNotNegative();
        assertThat(Database.number("select count(*) from orders o join order_line l on l.order_id = o.id "
                + "where l.item_id = ? and o.status = 'PAID'", item)).isEqualTo(orders.ok());
        assertConsistent();
        if (excludesWritersAcrossInstances()) {
            assertThat(charges.counts()).containsExactly(Map.entry("OK", 100));
            assertThat(orders.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("OK", 20, "OUT_OF_STOCK", 20));
        } else {
            assertThat(charges.counts().keySet()).isSubsetOf("OK", "CONCURRENT_UPDATE");
            assertThat(orders.counts().keySet()).isSubsetOf("OK", "OUT_OF_STOCK", "CONCURRENT_UPDATE");
            assertThat(orders.ok()).isLessThanOrEqualTo(20);
            // floors: a refused charge was overtaken by another write of the balance (MoneyRaces.successFloor), and
            // the first batch to commit on the item is never refused
            assertThat((long) charges.ok()).isGreaterThanOrEqualTo(
                    MoneyRaces.successFloor(strategy(), charges.of("CONCURRENT_UPDATE")));
            assertThat(orders.ok()).isPositive();
        }
        if (orders.of("OUT_OF_STOCK") > 0) {
            assertThat(orders.ok()).as("OUT_OF_STOCK was answered, so the 20 units were sold").isEqualTo(20);
        }
        String check = "balance = 100 x successes, stock 20 - " + sold + " = " + Database.stock(item)
                + ", PAID orders = successes, invariants hold";
        Summary.add("charges of one balance, 2 instances", strategy(), charges, check);
        Summary.add("40 buyers of 20 units, 2 instances", strategy(), orders, check);
        onLoadDone(charges, orders);
    }

    @Test
    @Order(4)
    void chargesAndOrdersOfOneBuyerRacingOverTwoInstances_leaveTheBalanceExact() {
        MoneyRaces.chargesAndOrdersOnOneBalance(a, b, strategy(), excludesWritersAcrossInstances());
    }

    @Test
    @Order(4)
    void oneKeyedOrderRepeatedOnBothInstancesAmongOtherBuyers_isPlacedOnceAndReplayed() {
        MoneyRaces.keyedOrderRepeatsAmongOtherBuyers(a, b, strategy(), excludesWritersAcrossInstances());
    }

    /** Before the kill of an instance (order 9): the battery needs both. */
    @Test
    @Order(5)
    void hostileAuthenticationOnBothInstances_isAnsweredPerTheContractAndChangesNothing() {
        long started = System.nanoTime();
        Tally battery = AuthBattery.run(a, b);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertConsistent();
        Summary.add("auth battery, 2 instances", strategy(), battery, battery.requests() + " requests in " + tookMs
                + " ms, each with the status, code and WWW-Authenticate of API.md; database snapshot unchanged, "
                + "then the controls change it by exactly their effect");
    }

    /** For strategies whose expectation differs (jvm must show conflicts). */
    @Test
    @Order(6)
    void fortyConcurrentConfirmsOfOnePayment_sendOneConfirmAndCreditOnce() {
        payments().fortyConcurrentConfirms(a, b);
    }

    @Test
    @Order(6)
    void aDeclinedPayment_isFinalAndCreditsNothing() {
        payments().declineIsFinal(a, b);
    }

    @Test
    @Order(6)
    void aLateApproval_answersOutcomeUnknownAndItsRepeatCreditsOnceWithoutASecondConfirm() {
        payments().lateApprovalIsLookedUpAndCreditedOnce(a, b);
    }

    @Test
    @Order(6)
    void aGatewayError_isLookedUpBeforeTheConfirmIsSentAgain() {
        payments().gatewayErrorIsLookedUpBeforeConfirmingAgain(a, b);
    }

    @Test
    @Order(6)
    void anApprovalPastTheBalanceCap_isCancelledAtTheGatewayAndCreditsNothing() {
        payments().anApprovalPastTheCapIsCancelledAtTheGateway(a, b);
    }

    @Test
    @Order(6)
    void refusedConfirms_neverReachTheGateway() {
        payments().refusedConfirmsNeverReachTheGateway(a, b);
    }

    @Test
    @Order(7)
    void twentyConfirmsOfOnePaymentOnOneInstance_areApprovedOnceWithAndWithoutIdempotencyKeys() {
        payments().twentyConfirmsOnOneInstance(a, "off");
        payments().twentyConfirmsOnOneInstance(b, "on");
    }

    /**
     * A third instance is started to be killed, so that {@code a} and {@code b} stay as warm as the tests after this
     * one expect; both survivors run the reconciler.
     */
    @Test
    @Order(8)
    void anInstanceKilledWhileTheGatewayAnswers_leavesAPaymentTheSurvivorCompletesWithoutASecondConfirm() {
        ServiceInstance victim = startInstance("c").awaitReady(START_TIMEOUT);
        long completedMs = payments().instanceKilledMidConfirm(a, victim);
        Summary.add("SIGKILL while the gateway answers a confirm", strategy(), new Tally(java.util.Map.of("OK", 1), 1),
                "the survivors completed the payment " + completedMs + " ms after the kill, 1 confirm at the gateway");
    }

    private PaymentScenarios payments() {
        return new PaymentScenarios(strategy(), PaymentGatewaySimulator.shared());
    }

    protected void onLoadDone(Tally charges, Tally orders) {
    }

    /**
     * SIGKILL one instance in the middle of load: it places orders of 20 items each, so it holds 21 locks almost all
     * the time. No order may be left half-written (every item of the 20 sold the same number of times), and the
     * locks the dead instance held must be released (lease, session or transaction) so that the other instance sells
     * one of those items within {@code bound}.
     */
    /**
     * One instance is SIGKILLed while it serves two loads: orders of all 20 items by one buyer, and a flash sale of one
     * hot item by 24 buyers, which order combining serves in batches (shown by the instance's own batch counts, read
     * just before the kill). Whatever batch was in flight dies with its transaction: every 201 is in the database,
     * nothing is half applied (every 20-item order whole, every hot-item order paid by its buyer exactly once), and
     * the other instance gets the locks of the dead one within the bound.
     */
    protected void killOneInstanceMidLoad(Duration bound) {
        long[] items = LongStream.range(0, 20).map(i -> Http.newItem(a, 1, 100_000)).toArray();
        long buyer = Http.newUser(a, 1_000_000);
        long other = Http.newUser(a, 1_000_000);
        long hot = Http.newItem(a, 10, 100_000);
        long[] hotBuyers = LongStream.range(0, 24).map(i -> Http.newUser(a, 1_000_000)).toArray();
        String allTwenty = "{\"userId\":" + buyer + ",\"lines\":[" + LongStream.of(items)
                .mapToObj(id -> "{\"itemId\":" + id + ",\"quantity\":1}").collect(Collectors.joining(",")) + "]}";
        // threads of their own: the common pool of a 2-core machine runs one task at a time
        ExecutorService loads = Executors.newFixedThreadPool(2);
        CompletableFuture<Tally> load = CompletableFuture.supplyAsync(
                () -> Load.run(16, 400, i -> Http.post(b, "/api/v1/orders", allTwenty)), loads);
        CompletableFuture<Tally> sale = CompletableFuture.supplyAsync(
                () -> Load.run(24, 2_400, i -> Http.order(b, hotBuyers[i % 24], hot, 1)), loads);
        loads.shutdown();
        sleep(1_500);
        double combinedBatches = MoneyRaces.combinedBatches(b);
        b.kill();
        long killedAt = System.nanoTime();
        Http.Response afterKill;
        int otherSold = 0;
        do {
            afterKill = Http.order(a, other, items[0], 1);
        } while (afterKill.status() != 201 && System.nanoTime() - killedAt < bound.multipliedBy(3).toNanos());
        long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
        if (afterKill.status() == 201) {
            otherSold = 1;
        }
        Tally before = load.join();

        assertThat(afterKill.status()).isEqualTo(201);
        assertThat(recoveredMs).isLessThan(bound.toMillis());
        assertConsistent();
        long soldToBuyer = Database.sold(items[1]);
        assertThat(soldToBuyer).as("the dead instance completed orders before it died").isPositive();
        for (int k = 0; k < items.length; k++) {
            long sold = Database.sold(items[k]) - (k == 0 ? otherSold : 0);
            assertThat(sold).as("item %d: every order took all 20 items or none", k).isEqualTo(soldToBuyer);
            assertThat(Database.stock(items[k])).isEqualTo(100_000 - Database.sold(items[k]));
        }
        assertThat(Database.balance(buyer)).isEqualTo(1_000_000 - 20 * soldToBuyer);
        Tally flash = sale.join();
        long hotSold = Database.sold(hot);
        assertThat(combinedBatches).as("the killed instance was placing orders in batches").isPositive();
        assertThat(flash.ok()).as("the killed instance sold the hot item before it died").isPositive();
        assertThat(hotSold).as("every 201 is in the database; the rest died unanswered or never started")
                .isBetween((long) flash.ok(), (long) flash.ok() + flash.of("NO_ANSWER"));
        assertThat(Database.stock(hot)).isEqualTo(100_000 - hotSold);
        for (long hotBuyer : hotBuyers) {
            long paid = Database.number("select count(*) from orders where user_id = ?", hotBuyer);
            assertThat(Database.balance(hotBuyer)).as("buyer %d paid each of their orders once", hotBuyer)
                    .isEqualTo(1_000_000 - 10 * paid);
        }
        Summary.add("SIGKILL of one instance mid-load", strategy(), before,
                soldToBuyer + " orders of 20 items, none partial; hot item " + flash.ok() + " answered 201, "
                        + hotSold + " sold, " + flash.of("NO_ANSWER") + " unanswered, " + (long) combinedBatches
                        + " batches of 2+ before the kill; the other instance sold a locked item "
                        + recoveredMs + " ms after the kill (bound " + bound.toMillis() + " ms)");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

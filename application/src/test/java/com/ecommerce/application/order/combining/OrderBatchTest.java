package com.ecommerce.application.order.combining;

import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderCommand.Line;
import com.ecommerce.application.order.service.PlaceOrderService;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.testing.TestThreads;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default order path, order combining, on the in-memory stores: {@code PlaceOrderService} with its queue and
 * the {@link OrderWriter}, as deployed. Each test holds a first order's batch while it "holds the locks" until the
 * others have parked in the queue behind it, so that the next batch is known in advance; the stores see one writer
 * at a time, as under a real lock.
 */
class OrderBatchTest {

    private final ServiceFixture f = new ServiceFixture();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final Map<String, Object> outcomes = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private final long item = f.item(100, 3);
    private final long leader = f.userWithBalance(1_000);

    @AfterEach
    void joinAll() throws InterruptedException {
        gate.countDown();
        TestThreads.joinAll(threads);
    }

    @Test
    void aBatchOfOne_locksTheBuyerAndTheItemOnceAndIsPlaced() {
        f.lock.acquisitions.clear();

        Order order = f.placeOrder.placeOrder(ADMIN, order(leader, null));

        assertThat(order.id()).isNotNull();
        assertThat(f.batches).containsExactly("1/1");
        assertThat(f.lock.acquisitions).containsExactly(List.of(LockKey.point(leader), LockKey.itemStock(item)));
        assertThat(f.lock.timeouts).last().isEqualTo(ServiceFixture.WAIT);
        assertThat(f.stock(item)).isEqualTo(2);
        assertThat(f.balance(leader)).isEqualTo(900);
    }

    @Test
    void eachOrderOfABatchGetsItsOwnOutcome_inArrivalOrder_underOneAcquisitionOfEveryKey() throws Exception {
        long rich = f.userWithBalance(1_000);
        long poor = f.userWithBalance(50);
        long late = f.userWithBalance(1_000);
        long last = f.userWithBalance(1_000);
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("rich", order(rich, null));
        place("poor", order(poor, null));
        place("late", order(late, null));
        place("last", order(last, null));
        f.lock.acquisitions.clear();

        gate.countDown();
        joinAll();

        assertThat(outcomes.get("leader")).isInstanceOf(Order.class);
        assertThat(outcomes.get("rich")).isInstanceOf(Order.class);
        assertThat(codeOf("poor")).isEqualTo(ErrorCode.INSUFFICIENT_POINTS);
        assertThat(outcomes.get("late")).isInstanceOf(Order.class);
        assertThat(codeOf("last")).isEqualTo(ErrorCode.OUT_OF_STOCK);
        assertThat(f.batches).containsExactly("1/1", "4/2");
        assertThat(f.lock.acquisitions).containsExactly(List.of(LockKey.point(rich), LockKey.point(poor),
                LockKey.point(late), LockKey.point(last), LockKey.itemStock(item)));
        assertThat(f.stock(item)).isZero();
        assertThat(List.of(f.balance(rich), f.balance(poor), f.balance(late), f.balance(last)))
                .containsExactly(900L, 50L, 900L, 1_000L);
        assertThat(f.store.orders.count()).isEqualTo(3);
        assertThat(f.store.points.allHistory()).filteredOn(entry -> entry.type() == PointTransactionType.USE).hasSize(3);
    }

    @Test
    void aKeyRepeatedInOneBatch_isDeferredToTheNextBatch_andReplaysTheFirstOrder() throws Exception {
        long buyer = f.userWithBalance(1_000);
        IdempotencyKey key = new IdempotencyKey("order-once");
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("first", order(buyer, key));
        place("repeat", order(buyer, key));

        gate.countDown();
        joinAll();

        Order placed = (Order) outcomes.get("first");
        assertThat(outcomes.get("repeat")).isInstanceOf(Order.class).extracting(o -> ((Order) o).id())
                .isEqualTo(placed.id());
        assertThat(f.batches).as("the repeat ran after the first, alone, and was answered by its record")
                .containsExactly("1/1", "1/1", "1/0");
        assertThat(f.balance(buyer)).isEqualTo(900);
        assertThat(f.stock(item)).isEqualTo(1);
        assertThat(f.store.orders.count()).isEqualTo(2);
    }

    @Test
    void aFenceThatRefusesTheBatch_failsEveryMember_andWritesNothing() throws Exception {
        long one = f.userWithBalance(1_000);
        long two = f.userWithBalance(1_000);
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("two", order(two, null));
        int ordersBefore = f.store.orders.count();
        f.store.points.stalePointReads = true; // a lost lock: the rows changed behind the batch's reads

        gate.countDown();
        joinAll();

        assertThat(codeOf("leader")).isEqualTo(ErrorCode.CONCURRENT_UPDATE);
        assertThat(codeOf("one")).isEqualTo(ErrorCode.CONCURRENT_UPDATE);
        assertThat(codeOf("two")).isEqualTo(ErrorCode.CONCURRENT_UPDATE);
        assertThat(f.batches).containsExactly("1/0", "2/0");
        assertThat(f.store.orders.count()).isEqualTo(ordersBefore);
        f.store.points.stalePointReads = false;
        assertThat(f.stock(item)).isEqualTo(3);
        assertThat(List.of(f.balance(leader), f.balance(one), f.balance(two))).containsOnly(1_000L);
    }

    @Test
    void oneBuyersBalanceChangedBehindTheBatch_failsThatBuyerAlone_andTheOthersArePlacedAgain() throws Exception {
        long one = f.userWithBalance(1_000);
        long two = f.userWithBalance(1_000);
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("two", order(two, null));
        f.store.points.staleReadsOf.add(one); // a lost lock on one buyer's balance only

        gate.countDown();
        joinAll();

        assertThat(codeOf("one")).isEqualTo(ErrorCode.CONCURRENT_UPDATE);
        assertThat(outcomes.get("two")).isInstanceOf(Order.class);
        assertThat(f.batches).containsExactly("1/1", "2/1");
        f.store.points.staleReadsOf.clear();
        assertThat(f.stock(item)).isEqualTo(1);
        assertThat(List.of(f.balance(leader), f.balance(one), f.balance(two))).containsExactly(900L, 1_000L, 900L);
        assertThat(f.store.orders.count()).isEqualTo(2);
    }

    @Test
    void aBuyersBalanceLockHeldElsewhere_failsThatBuyerAloneAfterAQuarterOfTheWait_andTheOthersArePlaced()
            throws Exception {
        long one = f.userWithBalance(1_000);
        long held = f.userWithBalance(1_000);
        long two = f.userWithBalance(1_000);
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("held", order(held, null));
        place("two", order(two, null));
        f.lock.acquisitions.clear();
        f.lock.timeouts.clear();
        f.lock.heldElsewhere.add(LockKey.point(held)); // a long credit of that buyer on another instance, say

        gate.countDown();
        joinAll();

        assertThat(codeOf("held")).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(outcomes.get("one")).isInstanceOf(Order.class);
        assertThat(outcomes.get("two")).isInstanceOf(Order.class);
        assertThat(f.lock.acquisitions).as("the batch, then each balance alone until the one held, then the rest")
                .containsExactly(
                        List.of(LockKey.point(one), LockKey.point(held), LockKey.point(two), LockKey.itemStock(item)),
                        List.of(LockKey.point(one)),
                        List.of(LockKey.point(held)),
                        List.of(LockKey.point(one), LockKey.point(two), LockKey.itemStock(item)));
        assertThat(f.lock.timeouts).as("a quarter of the wait while a buyer may be what holds the batch up")
                .allSatisfy(timeout -> assertThat(timeout).isEqualTo(ServiceFixture.WAIT.dividedBy(4)));
        assertThat(f.batches).containsExactly("1/1", "3/2");
        assertThat(f.stock(item)).isZero();
        assertThat(List.of(f.balance(one), f.balance(held), f.balance(two))).containsExactly(900L, 1_000L, 900L);
    }

    @Test
    void theItemsLockHeldElsewhere_holdsTheBatchAsAWhole_toTheFullWait_andCutsNoBuyer() throws Exception {
        long one = f.userWithBalance(1_000);
        long two = f.userWithBalance(1_000);
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("two", order(two, null));
        f.lock.acquisitions.clear();
        f.lock.timeouts.clear();
        f.lock.heldElsewhere.add(LockKey.itemStock(item));

        gate.countDown();
        joinAll();

        assertThat(codeOf("one")).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(codeOf("two")).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(f.lock.acquisitions).as("every balance was free: the batch waited for the item as a whole")
                .containsExactly(
                        List.of(LockKey.point(one), LockKey.point(two), LockKey.itemStock(item)),
                        List.of(LockKey.point(one)),
                        List.of(LockKey.point(two)),
                        List.of(LockKey.point(one), LockKey.point(two), LockKey.itemStock(item)));
        assertThat(f.lock.timeouts).last().isEqualTo(ServiceFixture.WAIT);
        assertThat(f.batches).containsExactly("1/1", "2/0");
        assertThat(f.stock(item)).isEqualTo(2);
        assertThat(List.of(f.balance(one), f.balance(two))).containsOnly(1_000L);
    }

    @Test
    void aRepeatPlacedFirstOnAnotherInstance_answersTheMemberWithThatOrder_andItsBatchMatesArePlaced() throws Exception {
        long one = f.userWithBalance(1_000);
        long buyer = f.userWithBalance(1_000);
        PlaceOrderCommand keyed = order(buyer, new IdempotencyKey("sent-twice"));
        f.restock.restock(ADMIN, new RestockItemCommand(item, 2));
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("repeat", keyed);
        // the same request, sent to another instance over the same stores, placed while this batch waits its turn
        Order placedElsewhere = placeOnAnotherInstance(keyed);

        gate.countDown();
        joinAll();

        assertThat(outcomes.get("repeat")).as("the claim found the key taken: the first order is replayed")
                .isInstanceOf(Order.class).extracting(o -> ((Order) o).id()).isEqualTo(placedElsewhere.id());
        assertThat(outcomes.get("one")).isInstanceOf(Order.class);
        assertThat(f.batches).as("the batch of two rolled back and ran again without the repeat")
                .containsExactly("1/1", "2/1");
        assertThat(f.balance(buyer)).isEqualTo(900);
        assertThat(f.balance(one)).isEqualTo(900);
        assertThat(f.stock(item)).isEqualTo(2);
        assertThat(f.store.orders.count()).isEqualTo(3);
    }

    @Test
    void aRepeatWhoseFirstAttemptTookTheLastUnitElsewhere_isAnsweredWithThatOrder_notOutOfStock() throws Exception {
        long one = f.userWithBalance(1_000);
        long buyer = f.userWithBalance(1_000);
        PlaceOrderCommand keyed = order(buyer, new IdempotencyKey("retried"));
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("one", order(one, null));
        place("repeat", keyed);
        // admitted here before the first attempt committed elsewhere; the three units go to it, the leader and one
        Order placedElsewhere = placeOnAnotherInstance(keyed);

        gate.countDown();
        joinAll();

        assertThat(outcomes.get("repeat")).as("refused for the stock its own first attempt took: replayed instead")
                .isInstanceOf(Order.class).extracting(o -> ((Order) o).id()).isEqualTo(placedElsewhere.id());
        assertThat(outcomes.get("one")).isInstanceOf(Order.class);
        assertThat(f.batches).containsExactly("1/1", "2/1");
        assertThat(f.stock(item)).isZero();
        assertThat(f.balance(buyer)).as("charged once").isEqualTo(900);
        assertThat(f.store.orders.count()).isEqualTo(3);
    }

    @Test
    void aBuyerWithoutABalance_failsAlone_andTheRestOfItsBatchIsPlaced() throws Exception {
        long one = f.userWithBalance(1_000);
        long noBalance = f.store.addUser(User.create("no balance row")).id();
        holdTheFirstBatch();
        place("leader", order(leader, null));
        place("noBalance", order(noBalance, null));
        place("one", order(one, null));

        gate.countDown();
        joinAll();

        assertThat(codeOf("noBalance")).isEqualTo(ErrorCode.USER_NOT_FOUND);
        assertThat(outcomes.get("one")).isInstanceOf(Order.class);
        assertThat(f.batches).containsExactly("1/1", "2/1");
        assertThat(f.stock(item)).isEqualTo(1);
        assertThat(f.store.orders.count()).isEqualTo(2);
    }

    /** Places {@code command} through a second instance of the service over the same stores, at once. */
    private Order placeOnAnotherInstance(PlaceOrderCommand command) {
        PlaceOrderService otherInstance = new PlaceOrderService(f.store, f.store, f.store, f.idempotency,
                new Combiner<>(ServiceFixture.BATCH_SIZE, new OrderWriter(f.store, f.store, f.store, f.unitOfWork,
                        f.clock), (orders, placed) -> { }), ServiceFixture.WAIT);
        return otherInstance.placeOrder(ADMIN, command);
    }

    private PlaceOrderCommand order(long userId, IdempotencyKey key) {
        return new PlaceOrderCommand(userId, List.of(new Line(item, 1)), key);
    }

    /** The first batch waits at the gate while it holds its locks; later batches run at once. */
    private void holdTheFirstBatch() {
        f.lock.whileHeld = () -> {
            if (first.getAndSet(false)) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Places from a thread of its own and returns once it is parked, so that the queue holds arrival order. */
    private void place(String name, PlaceOrderCommand command) throws InterruptedException {
        Thread thread = Thread.ofPlatform().name("order-" + name).start(() -> {
            try {
                outcomes.put(name, f.placeOrder.placeOrder(ADMIN, command));
            } catch (RuntimeException e) {
                outcomes.put(name, e);
            }
        });
        threads.add(thread);
        awaitParkedAll();
    }

    private ErrorCode codeOf(String name) {
        assertThat(outcomes.get(name)).as(name).isInstanceOf(DomainException.class);
        return ((DomainException) outcomes.get(name)).code();
    }

    private void awaitParkedAll() throws InterruptedException {
        for (Thread thread : threads) {
            TestThreads.awaitParked(thread);
        }
    }
}

package com.ecommerce.application.order.combining;

import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork.BatchWrites;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork.Written;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderPlacement;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.StaleBalanceException;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places a batch of orders for the same items (one group of the {@link Combiner}; a request alone is a batch of
 * one, through the same code) in one transaction under one acquisition of the locks: the items' stocks and every
 * buyer's balance, in the global key order like any write.
 *
 * <p>Each order keeps its own outcome, by checking before writing, as {@link OrderPlacement} does for one order:
 * the stocks and the balances are read once, then each order in arrival order is checked against what the orders
 * before it left (the domain objects are shared, so the second order of a buyer sees the first one's spending); an
 * order that fails the check ({@code OUT_OF_STOCK}, {@code INSUFFICIENT_POINTS}, an unknown buyer) writes nothing
 * and fails alone, unless its idempotency key was committed meanwhile by the first attempt of the same request (then
 * that attempt's answer is its answer, as below); one that passes has its idempotency key claimed by the guarded unit of work, then is stored and
 * applied. Then the history entries are written in one statement, each changed balance and each stock once, through
 * the version fence, the unit of work records each placed order under its key, and the transaction commits once. No savepoints: nothing of a failing order
 * is ever written, so there is nothing to roll back to.
 *
 * <p>What fails the batch as a whole fails every member with the same exception and leaves nothing: the locks not
 * granted in time ({@code LOCK_TIMEOUT}), the lock service down, a fence that finds an item's row changed behind a
 * lost lock ({@code CONCURRENT_UPDATE}), the database, the commit. Two failures belong to one buyer and fail that
 * buyer's members alone, the others being placed again in a new transaction: a fence that finds that buyer's
 * balance changed ({@code CONCURRENT_UPDATE} for them), and that buyer's balance lock held elsewhere. For the
 * latter, a batch of several buyers first waits only a quarter of the lock wait ({@link
 * GuardedUnitOfWork#memberWait}); when its locks do not come by then, each buyer's balance lock is tried on its own
 * in key order, the first one not granted within a quarter wait fails its members with {@code LOCK_TIMEOUT}, and
 * the others go again; when every balance is free, the items' locks held the batch up, and it waits for them as a
 * whole, to its deadline. A batch of one buyer waits the whole lock wait at once, as a single order does. A commit that fails is not retried: its outcome may be
 * unknown, and a member retried alone could then be applied twice; each member answers the error, as one order
 * would. One whole-batch failure belongs to one member and is handled: an idempotency key that a concurrent request
 * (on this or another instance) claimed and committed first. The transaction rolls back, that member is answered by
 * the first request's replay, and the others run again as a new batch.
 *
 * <p>Two members of one batch with the same idempotency key: the later one is deferred to the next batch, where its
 * admission finds the first one's record (replayed, or {@code 422} if it is another request), exactly as if it had
 * come after it.
 */
public final class OrderWriter implements Combiner.BatchRunner<PendingOrder, Order> {

    private final ItemStorePort items;
    private final PointStorePort points;
    private final OrderStorePort orders;
    private final GuardedUnitOfWork unitOfWork;
    private final Clock clock;

    public OrderWriter(ItemStorePort items, PointStorePort points, OrderStorePort orders,
                       GuardedUnitOfWork unitOfWork, Clock clock) {
        this.items = items;
        this.points = points;
        this.orders = orders;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public void run(List<Combiner.Entry<PendingOrder, Order>> batch) {
        List<Combiner.Entry<PendingOrder, Order>> live = new ArrayList<>(batch.size());
        Set<String> keys = new HashSet<>();
        for (Combiner.Entry<PendingOrder, Order> member : batch) {
            String key = member.item().admission().key();
            if (key != null && !keys.add(key)) {
                member.defer();
            } else {
                live.add(member);
            }
        }
        boolean itemsHeldUp = false;
        while (!live.isEmpty()) {
            LockKeys lockKeys = live.getFirst().item().lockKeys();
            Deadline deadline = live.getFirst().deadline();
            for (Combiner.Entry<PendingOrder, Order> member : live) {
                lockKeys = lockKeys.with(member.item().lockKeys());
                deadline = deadline.earlier(member.deadline());
            }
            boolean severable = buyers(live).size() > 1;
            boolean shortWait = severable && !itemsHeldUp;
            Outcomes outcomes;
            try {
                outcomes = unitOfWork.runBatch(lockKeys, shortWait ? unitOfWork.memberWait(deadline) : deadline,
                        claims -> write(live, claims));
            } catch (GuardedUnitOfWork.ClaimedElsewhere claimed) {
                Combiner.Entry<PendingOrder, Order> member = live.stream()
                        .filter(entry -> entry.item().admission() == claimed.admission()).findFirst().orElseThrow();
                member.fail(claimed.taken());
                live.remove(member);
                continue;
            } catch (StaleBalanceException stale) {
                if (!severable) {
                    failAll(live, stale);
                    return;
                }
                cut(live, stale.userId(), stale);
                continue;
            } catch (LockTimeoutException timeout) {
                if (!shortWait || deadline.hasPassed()) {
                    failAll(live, timeout);
                    return;
                }
                OptionalLong holdingUp = firstBuyerHeldUp(live, deadline);
                if (holdingUp.isPresent()) {
                    long buyer = holdingUp.getAsLong();
                    cut(live, buyer, deadline.exceeded(LockKey.point(buyer), timeout));
                } else {
                    itemsHeldUp = true; // the items' locks (or a moment's contention): the batch waits as a whole
                }
                continue;
            } catch (RuntimeException failed) {
                failAll(live, failed);
                return;
            }
            outcomes.settle();
            return;
        }
    }

    private static List<Long> buyers(List<Combiner.Entry<PendingOrder, Order>> members) {
        return members.stream().map(member -> member.item().userId()).distinct().sorted().toList();
    }

    /** The first buyer, in key order, whose balance lock is not granted within a member's wait; none if all are. */
    private OptionalLong firstBuyerHeldUp(List<Combiner.Entry<PendingOrder, Order>> members, Deadline deadline) {
        for (long buyer : buyers(members)) {
            if (deadline.hasPassed()) {
                break;
            }
            if (!unitOfWork.probe(LockKeys.of(LockKey.point(buyer)), unitOfWork.memberWait(deadline))) {
                return OptionalLong.of(buyer);
            }
        }
        return OptionalLong.empty();
    }

    /** One buyer's own row failed the batch: that buyer's members fail with it, the others are placed again. */
    private static void cut(List<Combiner.Entry<PendingOrder, Order>> live, long buyer, RuntimeException failure) {
        live.removeIf(member -> {
            if (member.item().userId() != buyer) {
                return false;
            }
            member.fail(failure);
            return true;
        });
    }

    private static void failAll(List<Combiner.Entry<PendingOrder, Order>> live, RuntimeException failure) {
        live.forEach(member -> member.fail(failure));
    }

    /**
     * Inside the locks and the transaction: read once, check each order in turn, write what passed. Starts afresh
     * on every run (a strategy that retries runs it again).
     */
    private Outcomes write(List<Combiner.Entry<PendingOrder, Order>> members, GuardedUnitOfWork.Claims claims) {
        Outcomes outcomes = new Outcomes();
        List<Long> itemIds = members.getFirst().item().itemIds();
        List<ItemStock> stocks = items.findStocks(itemIds);
        if (stocks.size() != itemIds.size()) {
            List<Long> found = stocks.stream().map(ItemStock::itemId).toList();
            RuntimeException unknown = NotFound.items(itemIds.stream().filter(id -> !found.contains(id)).toList());
            members.forEach(member -> outcomes.byMember.put(member, unknown));
            return outcomes;
        }
        Map<Long, Point> buyers = new HashMap<>();
        points.findPoints(members.stream().map(member -> member.item().userId()).distinct().toList())
                .forEach(point -> buyers.put(point.userId(), point));
        Map<Long, Point> spent = new TreeMap<>(); // written in key order
        List<PointHistory> history = new ArrayList<>(members.size());
        Instant at = Timestamps.now(clock);
        for (Combiner.Entry<PendingOrder, Order> member : members) {
            PendingOrder order = member.item();
            Point buyer = buyers.get(order.userId());
            if (buyer == null) {
                outcomes.byMember.put(member, NotFound.user(order.userId()));
                continue;
            }
            OrderPlacement placement;
            try {
                placement = OrderPlacement.check(buyer, order.lines(), stocks, at);
            } catch (DomainException refused) {
                claims.refused(order.admission());
                outcomes.byMember.put(member, refused);
                continue;
            }
            claims.claim(order.admission());
            Order stored = orders.addOrder(placement.order());
            placement.apply(stored).ifPresent(entry -> {
                history.add(entry);
                spent.put(buyer.userId(), buyer);
            });
            outcomes.byMember.put(member, stored);
            outcomes.written.add(new Written<>(order.admission(), stored));
        }
        if (outcomes.written.isEmpty()) {
            return outcomes;
        }
        points.addHistories(history);
        points.updatePoints(List.copyOf(spent.values()));
        stocks.stream().sorted(Comparator.comparingLong(ItemStock::itemId)).forEach(items::updateStock);
        return outcomes;
    }

    /** Each member's order or its own refusal, and what is to be recorded under the placed members' keys. */
    private static final class Outcomes implements BatchWrites<Order> {
        private final Map<Combiner.Entry<PendingOrder, Order>, Object> byMember = new IdentityHashMap<>();
        private final List<Written<Order>> written = new ArrayList<>();

        @Override
        public List<Written<Order>> written() {
            return written;
        }

        void settle() {
            byMember.forEach((member, outcome) -> {
                if (outcome instanceof Order order) {
                    member.succeed(order);
                } else {
                    member.fail((RuntimeException) outcome);
                }
            });
        }
    }
}

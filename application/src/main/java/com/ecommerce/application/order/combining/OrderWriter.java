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
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderPlacement;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
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
 * granted in time ({@code LOCK_TIMEOUT}), the lock service down, a fence that finds a row changed behind a lost lock
 * ({@code CONCURRENT_UPDATE}), the database, the commit. A commit that fails is not retried: its outcome may be
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
        while (!live.isEmpty()) {
            LockKeys lockKeys = live.getFirst().item().lockKeys();
            Deadline deadline = live.getFirst().deadline();
            for (Combiner.Entry<PendingOrder, Order> member : live) {
                lockKeys = lockKeys.with(member.item().lockKeys());
                deadline = deadline.earlier(member.deadline());
            }
            Outcomes outcomes;
            try {
                outcomes = unitOfWork.runBatch(lockKeys, deadline, claims -> write(live, claims));
            } catch (GuardedUnitOfWork.ClaimedElsewhere claimed) {
                Combiner.Entry<PendingOrder, Order> member = live.stream()
                        .filter(entry -> entry.item().admission() == claimed.admission()).findFirst().orElseThrow();
                member.fail(claimed.taken());
                live.remove(member);
                continue;
            } catch (RuntimeException failed) {
                live.forEach(member -> member.fail(failed));
                return;
            }
            outcomes.settle();
            return;
        }
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

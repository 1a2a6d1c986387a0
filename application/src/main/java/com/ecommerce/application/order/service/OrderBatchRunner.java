package com.ecommerce.application.order.service;

import com.ecommerce.application.shared.port.out.OrderBatchMetricsPort;
import com.ecommerce.application.shared.Combiner;
import com.ecommerce.application.shared.GuardedUnitOfWork;
import com.ecommerce.application.shared.IdempotencyClaim;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.shared.port.out.IdempotencyKeyTakenException;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockTimeoutException;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderPlacement;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places a batch of orders for the same items (one group of the {@link Combiner}) in one transaction under one
 * acquisition of the locks: the items' stocks and every buyer's balance, in the global key order like any order.
 *
 * <p>Each order keeps its own outcome, by checking before writing, as {@link OrderPlacement} does for one order:
 * the stocks and the balances are read once, then each order in arrival order is checked against what the orders
 * before it left (the domain objects are shared, so the second order of a buyer sees the first one's spending); an
 * order that fails the check ({@code OUT_OF_STOCK}, {@code INSUFFICIENT_POINTS}, an unknown buyer) writes nothing
 * and fails alone; one that passes claims its idempotency key, is stored and applied. Then each changed balance and
 * each stock is written once, through the version fence, and the transaction commits once. No savepoints: nothing of
 * a failing order is ever written, so there is nothing to roll back to.
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
 * claim finds the first one's record (replayed, or {@code 422} if it is another request), exactly as if it had come
 * after it. A batch of one runs the single-order path unchanged.
 */
final class OrderBatchRunner implements Combiner.BatchRunner<OrderBatchRunner.Pending, Order> {

    /** An order settled before the locks (buyer known, lines priced), waiting to be placed. */
    record Pending(long userId, List<OrderLine> lines, IdempotencyClaim<Order> claim, String idempotencyKey) {

        List<LockKey> lockKeys() {
            List<LockKey> keys = new ArrayList<>(lines.size() + 1);
            lines.forEach(line -> keys.add(LockKey.itemStock(line.itemId())));
            keys.add(LockKey.point(userId));
            return keys;
        }
    }

    /** Rolls the batch back because one member's key was claimed first elsewhere. */
    private static final class ClaimTaken extends RuntimeException {
        private final transient Combiner.Entry<Pending, Order> member;
        private final IdempotencyKeyTakenException taken;

        private ClaimTaken(Combiner.Entry<Pending, Order> member, IdempotencyKeyTakenException taken) {
            super(null, null, false, false);
            this.member = member;
            this.taken = taken;
        }
    }

    private final PlaceOrderService.Stores stores;
    private final GuardedUnitOfWork unitOfWork;
    private final Clock clock;
    private final OrderBatchMetricsPort observer;

    OrderBatchRunner(PlaceOrderService.Stores stores, GuardedUnitOfWork unitOfWork, Clock clock,
                     OrderBatchMetricsPort observer) {
        this.stores = stores;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public void run(List<Combiner.Entry<Pending, Order>> batch) {
        long now = System.nanoTime();
        List<Combiner.Entry<Pending, Order>> live = new ArrayList<>(batch.size());
        Set<String> keys = new HashSet<>();
        for (Combiner.Entry<Pending, Order> member : batch) {
            Pending order = member.item();
            if (member.deadline() - now <= 0) {
                member.fail(new LockTimeoutException(order.lockKeys().toString(), unitOfWork.lockWait()));
            } else if (order.idempotencyKey() != null && !keys.add(order.userId() + "/" + order.idempotencyKey())) {
                member.defer();
            } else {
                live.add(member);
            }
        }
        while (!live.isEmpty()) {
            Duration wait = Duration.ofNanos(Math.max(0,
                    live.stream().mapToLong(Combiner.Entry::deadline).min().orElseThrow() - System.nanoTime()));
            if (live.size() == 1) {
                runAlone(live.getFirst(), wait);
                return;
            }
            try {
                runTogether(live, wait);
                return;
            } catch (ClaimTaken e) {
                e.member.fail(e.taken);
                live.remove(e.member);
            }
        }
    }

    /** The single-order path: the member's own claim, locks and transaction, exactly as without combining. */
    private void runAlone(Combiner.Entry<Pending, Order> member, Duration wait) {
        Pending order = member.item();
        try {
            member.succeed(unitOfWork.runLocked(order.lockKeys(), wait, order.claim(),
                    () -> PlaceOrderService.place(stores, clock, order.userId(), order.lines())));
            observer.batchEnded(1, 1);
        } catch (RuntimeException e) {
            member.fail(e);
            observer.batchEnded(1, 0);
        }
    }

    private void runTogether(List<Combiner.Entry<Pending, Order>> members, Duration wait) {
        List<LockKey> keys = new ArrayList<>();
        members.forEach(member -> keys.addAll(member.item().lockKeys()));
        Map<Combiner.Entry<Pending, Order>, Object> outcomes = new IdentityHashMap<>();
        try {
            unitOfWork.runLocked(keys, wait, IdempotencyClaim.none(), () -> {
                outcomes.clear(); // a strategy that retries (lock-optimistic) runs the work again from the start
                placeAll(members, outcomes);
                return null;
            });
        } catch (ClaimTaken e) {
            throw e;
        } catch (RuntimeException e) {
            members.forEach(member -> member.fail(e));
            observer.batchEnded(members.size(), 0);
            return;
        }
        int placed = 0;
        for (Combiner.Entry<Pending, Order> member : members) {
            Object outcome = outcomes.get(member);
            if (outcome instanceof Order order) {
                member.succeed(order);
                placed++;
            } else {
                member.fail((RuntimeException) outcome);
            }
        }
        observer.batchEnded(members.size(), placed);
    }

    /** Inside the locks and the transaction: read once, check each order in turn, write what passed. */
    private void placeAll(List<Combiner.Entry<Pending, Order>> members,
                          Map<Combiner.Entry<Pending, Order>, Object> outcomes) {
        List<Long> itemIds = members.getFirst().item().lines().stream().map(OrderLine::itemId).toList();
        List<ItemStock> stocks = stores.items().findStocks(itemIds);
        if (stocks.size() != itemIds.size()) {
            List<Long> found = stocks.stream().map(ItemStock::itemId).toList();
            RuntimeException unknown = NotFound.items(itemIds.stream().filter(id -> !found.contains(id)).toList());
            members.forEach(member -> outcomes.put(member, unknown));
            return;
        }
        Map<Long, Point> buyers = new HashMap<>();
        stores.points().findPoints(members.stream().map(member -> member.item().userId()).distinct().toList())
                .forEach(point -> buyers.put(point.userId(), point));
        Map<Long, Point> spent = new TreeMap<>(); // written in key order
        List<PointHistory> history = new ArrayList<>(members.size());
        List<Combiner.Entry<Pending, Order>> placed = new ArrayList<>(members.size());
        Instant at = Timestamps.now(clock);
        for (Combiner.Entry<Pending, Order> member : members) {
            Pending order = member.item();
            Point buyer = buyers.get(order.userId());
            if (buyer == null) {
                outcomes.put(member, NotFound.user(order.userId()));
                continue;
            }
            OrderPlacement placement;
            try {
                placement = OrderPlacement.check(buyer, order.lines(), stocks, at);
            } catch (DomainException refused) {
                outcomes.put(member, refused);
                continue;
            }
            try {
                order.claim().claim();
            } catch (IdempotencyKeyTakenException taken) {
                throw new ClaimTaken(member, taken);
            }
            Order stored = stores.orders().addOrder(placement.order());
            placement.apply(stored).ifPresent(entry -> {
                history.add(entry);
                spent.put(buyer.userId(), buyer);
            });
            outcomes.put(member, stored);
            placed.add(member);
        }
        if (placed.isEmpty()) {
            return;
        }
        stores.points().addHistories(history);
        stores.points().updatePoints(List.copyOf(spent.values()));
        for (Combiner.Entry<Pending, Order> member : placed) {
            member.item().claim().complete((Order) outcomes.get(member));
        }
        stocks.stream().sorted((a, b) -> Long.compare(a.itemId(), b.itemId())).forEach(stores.items()::updateStock);
    }
}

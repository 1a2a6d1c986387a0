package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An in-memory fake of every out-port, for single-threaded unit tests of the services. Rows are stored as
 * immutable values with a version, like the real store; the transaction fake restores a snapshot when the work
 * throws, so "a failed request changes nothing" can be asserted here too. Real concurrency is proven against
 * the real database, not here.
 */
public class InMemoryStore implements UserStorePort, PointStorePort, ItemStorePort, OrderStorePort,
        IdempotencyStorePort, TransactionPort {

    record PointRow(long balance, long version) {
    }

    record StockRow(long quantity, long version) {
    }

    private record State(Map<Long, String> users, Map<Long, PointRow> points, List<PointHistory> history,
                         Map<Long, Item> items, Map<Long, StockRow> stocks, Map<Long, Order> orders,
                         Map<String, IdempotencyRecord> idempotency, long sequence) {
    }

    private Map<Long, String> users = new LinkedHashMap<>();
    private Map<Long, PointRow> points = new LinkedHashMap<>();
    private List<PointHistory> history = new ArrayList<>();
    private Map<Long, Item> items = new LinkedHashMap<>();
    private Map<Long, StockRow> stocks = new LinkedHashMap<>();
    private Map<Long, Order> orders = new LinkedHashMap<>();
    private Map<String, IdempotencyRecord> idempotency = new LinkedHashMap<>();
    private long sequence;
    public int transactions;
    public int openTransactions;
    /** Makes every balance read one version behind the row, as if another writer had changed it since. */
    public boolean stalePointReads;

    // --- TransactionPort

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        State before = new State(new LinkedHashMap<>(users), new LinkedHashMap<>(points), new ArrayList<>(history),
                new LinkedHashMap<>(items), new LinkedHashMap<>(stocks), new LinkedHashMap<>(orders),
                new LinkedHashMap<>(idempotency), sequence);
        transactions++;
        openTransactions++;
        try {
            return work.get();
        } catch (RuntimeException e) {
            users = before.users();
            points = before.points();
            history = before.history();
            items = before.items();
            stocks = before.stocks();
            orders = before.orders();
            idempotency = before.idempotency();
            sequence = before.sequence();
            throw e;
        } finally {
            openTransactions--;
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return work.get();
    }

    // --- users and points

    @Override
    public Optional<User> findUser(long userId) {
        return Optional.ofNullable(users.get(userId)).map(name -> User.reconstitute(userId, name));
    }

    @Override
    public boolean existsUser(long userId) {
        return users.containsKey(userId);
    }

    @Override
    public User addUser(User user) {
        long id = ++sequence;
        users.put(id, user.name());
        return User.reconstitute(id, user.name());
    }

    @Override
    public Optional<Point> findPoint(long userId) {
        return Optional.ofNullable(points.get(userId)).map(r -> Point.reconstitute(userId, r.balance(),
                stalePointReads ? r.version() - 1 : r.version()));
    }

    @Override
    public List<Point> findPoints(Collection<Long> userIds) {
        return userIds.stream().distinct().map(this::findPoint).flatMap(Optional::stream).toList();
    }

    @Override
    public void addPoint(Point point) {
        points.put(point.userId(), new PointRow(point.balance(), 0));
    }

    @Override
    public void updatePoint(Point point) {
        PointRow row = points.get(point.userId());
        if (row == null || row.version() != point.version()) {
            throw new ConcurrentUpdateException("point balance of user " + point.userId());
        }
        points.put(point.userId(), new PointRow(point.balance(), row.version() + 1));
    }

    @Override
    public void updatePoints(List<Point> points) {
        points.forEach(this::updatePoint);
    }

    /** Simulates another writer that changed the row behind the caller's back. */
    public void bumpPointVersion(long userId) {
        PointRow row = points.get(userId);
        points.put(userId, new PointRow(row.balance(), row.version() + 1));
    }

    @Override
    public Page<PointHistory> findHistory(long userId, PageQuery q) {
        List<PointHistory> mine = history.stream().filter(h -> h.userId() == userId)
                .sorted(Comparator.comparing(PointHistory::id).reversed()).toList();
        return page(mine, q);
    }

    @Override
    public void addHistory(PointHistory entry) {
        history.add(new PointHistory(++sequence, entry.userId(), entry.type(), entry.amount(), entry.balanceAfter(),
                entry.orderId(), entry.createdAt()));
    }

    @Override
    public void addHistories(List<PointHistory> entries) {
        entries.forEach(this::addHistory);
    }

    public List<PointHistory> allHistory() {
        return List.copyOf(history);
    }

    // --- items and stock

    @Override
    public Optional<Item> findItem(long itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    @Override
    public List<Item> findItems(Collection<Long> itemIds) {
        return itemIds.stream().distinct().map(items::get).filter(i -> i != null).toList();
    }

    @Override
    public Page<Item> findItemPage(PageQuery q) {
        return page(List.copyOf(items.values()), q);
    }

    @Override
    public Item addItem(Item item) {
        Item stored = Item.reconstitute(++sequence, item.name(), item.price());
        items.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<ItemStock> findStock(long itemId) {
        return Optional.ofNullable(stocks.get(itemId)).map(r -> ItemStock.reconstitute(itemId, r.quantity(), r.version()));
    }

    @Override
    public List<ItemStock> findStocks(Collection<Long> itemIds) {
        return itemIds.stream().distinct().map(this::findStock).flatMap(Optional::stream).toList();
    }

    @Override
    public void addStock(ItemStock stock) {
        stocks.put(stock.itemId(), new StockRow(stock.quantity(), 0));
    }

    @Override
    public void updateStock(ItemStock stock) {
        StockRow row = stocks.get(stock.itemId());
        if (row == null || row.version() != stock.version()) {
            throw new ConcurrentUpdateException("stock of item " + stock.itemId());
        }
        stocks.put(stock.itemId(), new StockRow(stock.quantity(), row.version() + 1));
    }

    // --- orders

    @Override
    public Optional<Order> findOrder(long orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public Page<Order> findOrdersOfUser(long userId, PageQuery q) {
        return page(orders.values().stream().filter(o -> o.userId() == userId)
                .sorted(Comparator.comparing(Order::id).reversed()).toList(), q);
    }

    @Override
    public Order addOrder(Order order) {
        Order stored = order.withId(++sequence);
        orders.put(stored.id(), stored);
        return stored;
    }

    public int orderCount() {
        return orders.size();
    }

    // --- idempotency

    @Override
    public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
        return Optional.ofNullable(idempotency.get(scope + "/" + userId + "/" + key));
    }

    @Override
    public void addClaim(IdempotencyRecord claim) {
        String id = claim.scope() + "/" + claim.userId() + "/" + claim.key();
        if (idempotency.containsKey(id)) {
            throw new IdempotencyKeyTakenException(claim.key(), null);
        }
        idempotency.put(id, claim);
    }

    @Override
    public void updateResult(String scope, long userId, String key, long result) {
        String id = scope + "/" + userId + "/" + key;
        IdempotencyRecord r = idempotency.get(id);
        if (r == null) {
            throw new IllegalStateException("no claim to complete for key " + key);
        }
        idempotency.put(id, new IdempotencyRecord(scope, userId, key, r.fingerprint(), result, r.createdAt()));
    }

    @Override
    public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
        String id = scope + "/" + userId + "/" + key;
        IdempotencyRecord r = idempotency.get(id);
        return r != null && r.createdAt().isBefore(createdBefore) && idempotency.remove(id) != null;
    }

    @Override
    public int purgeExpired(Instant createdBefore, int limit) {
        List<String> expired = idempotency.entrySet().stream()
                .filter(e -> e.getValue().createdAt().isBefore(createdBefore))
                .sorted(Comparator.comparing(e -> e.getValue().createdAt()))
                .limit(limit).map(Map.Entry::getKey).toList();
        expired.forEach(idempotency::remove);
        return expired.size();
    }

    public int idempotencyRecordCount() {
        return idempotency.size();
    }

    private static <T> Page<T> page(List<T> all, PageQuery q) {
        int from = (int) Math.min(all.size(), q.offset());
        int to = Math.min(all.size(), from + q.size());
        return new Page<>(all.subList(from, to), q.page(), q.size(), all.size());
    }
}

package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.idempotency.port.out.IdempotencyStorePort;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.ecommerce.domain.user.User;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every out-port over one {@link InMemoryDatabase}, for the service tests, which wire one object as every store:
 * each call goes to the fake of its port, reachable as a field for what only a test asks ({@code points.allHistory()},
 * {@code orders.count()}). It is the transactions too, so that whoever holds it sees whether one is open
 * ({@link RecordingLockPort} checks that locks are taken outside the transaction).
 */
public class InMemoryStore extends InMemoryTransactions implements UserStorePort, PointStorePort, ItemStorePort,
        OrderStorePort, PaymentStorePort, IdempotencyStorePort {

    public final InMemoryUsers users;
    public final InMemoryPoints points;
    public final InMemoryItems items;
    public final InMemoryOrders orders;
    public final InMemoryPayments payments;
    public final InMemoryIdempotencyRecords idempotencyRecords;

    public InMemoryStore() {
        this(new InMemoryDatabase());
    }

    public InMemoryStore(InMemoryDatabase database) {
        super(database);
        users = new InMemoryUsers(database);
        points = new InMemoryPoints(database);
        items = new InMemoryItems(database);
        orders = new InMemoryOrders(database);
        payments = new InMemoryPayments(database);
        idempotencyRecords = new InMemoryIdempotencyRecords(database);
    }

    @Override
    public Optional<User> findUser(long userId) {
        return users.findUser(userId);
    }

    @Override
    public boolean existsUser(long userId) {
        return users.existsUser(userId);
    }

    @Override
    public User addUser(User user) {
        return users.addUser(user);
    }

    @Override
    public Optional<Point> findPoint(long userId) {
        return points.findPoint(userId);
    }

    @Override
    public List<Point> findPoints(Collection<Long> userIds) {
        return points.findPoints(userIds);
    }

    @Override
    public void addPoint(Point point) {
        points.addPoint(point);
    }

    @Override
    public void updatePoint(Point point) {
        points.updatePoint(point);
    }

    @Override
    public void updatePoints(List<Point> points) {
        this.points.updatePoints(points);
    }

    @Override
    public void addHistory(PointHistory entry) {
        points.addHistory(entry);
    }

    @Override
    public void addHistories(List<PointHistory> entries) {
        points.addHistories(entries);
    }

    @Override
    public Page<PointHistory> findHistory(long userId, PageQuery pageQuery) {
        return points.findHistory(userId, pageQuery);
    }

    @Override
    public Optional<Item> findItem(long itemId) {
        return items.findItem(itemId);
    }

    @Override
    public List<Item> findItems(Collection<Long> itemIds) {
        return items.findItems(itemIds);
    }

    @Override
    public Page<Item> findItemPage(PageQuery pageQuery) {
        return items.findItemPage(pageQuery);
    }

    @Override
    public Item addItem(Item item) {
        return items.addItem(item);
    }

    @Override
    public Optional<ItemStock> findStock(long itemId) {
        return items.findStock(itemId);
    }

    @Override
    public List<ItemStock> findStocks(Collection<Long> itemIds) {
        return items.findStocks(itemIds);
    }

    @Override
    public void addStock(ItemStock stock) {
        items.addStock(stock);
    }

    @Override
    public void updateStock(ItemStock stock) {
        items.updateStock(stock);
    }

    @Override
    public Optional<Order> findOrder(long orderId) {
        return orders.findOrder(orderId);
    }

    @Override
    public Page<Order> findOrdersOfUser(long userId, PageQuery pageQuery) {
        return orders.findOrdersOfUser(userId, pageQuery);
    }

    @Override
    public Order addOrder(Order order) {
        return orders.addOrder(order);
    }

    @Override
    public Optional<Payment> findPayment(String paymentId) {
        return payments.findPayment(paymentId);
    }

    @Override
    public void addPayment(Payment payment) {
        payments.addPayment(payment);
    }

    @Override
    public void updatePayment(Payment payment) {
        payments.updatePayment(payment);
    }

    @Override
    public List<Payment> findUnsettled(Instant now, int limit) {
        return payments.findUnsettled(now, limit);
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String scope, long userId, String key) {
        return idempotencyRecords.findRecord(scope, userId, key);
    }

    @Override
    public void addClaim(IdempotencyRecord claim) {
        idempotencyRecords.addClaim(claim);
    }

    @Override
    public void updateResult(String scope, long userId, String key, long result) {
        idempotencyRecords.updateResult(scope, userId, key, result);
    }

    @Override
    public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
        return idempotencyRecords.removeExpired(scope, userId, key, createdBefore);
    }

    @Override
    public int purgeExpired(Instant createdBefore, int limit) {
        return idempotencyRecords.purgeExpired(createdBefore, limit);
    }
}

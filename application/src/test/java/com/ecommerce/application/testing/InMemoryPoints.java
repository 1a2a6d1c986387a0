package com.ecommerce.application.testing;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.testing.InMemoryDatabase.PointRow;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.StaleBalanceException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The in-memory {@link PointStorePort}, with the means to play another writer behind the service's back. */
public class InMemoryPoints implements PointStorePort {

    private final InMemoryDatabase database;
    /** Makes every balance read one version behind the row, as if another writer had changed it since. */
    public boolean stalePointReads;
    /** The buyers whose balance reads are one version behind the row (as {@link #stalePointReads}, for these only). */
    public final Set<Long> staleReadsOf = ConcurrentHashMap.newKeySet();

    public InMemoryPoints(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Point> findPoint(long userId) {
        return Optional.ofNullable(database.points.get(userId)).map(r -> Point.reconstitute(userId, r.balance(),
                stalePointReads || staleReadsOf.contains(userId) ? r.version() - 1 : r.version()));
    }

    @Override
    public List<Point> findPoints(Collection<Long> userIds) {
        return userIds.stream().distinct().map(this::findPoint).flatMap(Optional::stream).toList();
    }

    @Override
    public void addPoint(Point point) {
        database.points.put(point.userId(), new PointRow(point.balance(), 0));
    }

    @Override
    public void updatePoint(Point point) {
        PointRow row = database.points.get(point.userId());
        if (row == null || row.version() != point.version()) {
            throw new StaleBalanceException(point.userId());
        }
        database.points.put(point.userId(), new PointRow(point.balance(), row.version() + 1));
    }

    @Override
    public void updatePoints(List<Point> points) {
        points.forEach(this::updatePoint);
    }

    /** Simulates another writer that changed the row behind the caller's back. */
    public void bumpPointVersion(long userId) {
        PointRow row = database.points.get(userId);
        database.points.put(userId, new PointRow(row.balance(), row.version() + 1));
    }

    @Override
    public Page<PointHistory> findHistory(long userId, PageQuery q) {
        return InMemoryDatabase.page(database.history.values().stream().filter(h -> h.userId() == userId)
                .sorted(Comparator.comparing(PointHistory::id).reversed()).toList(), q);
    }

    /** As the database's unique index on the payment: an entry naming a payment credited already is refused. */
    @Override
    public void addHistory(PointHistory entry) {
        if (entry.paymentId() != null && database.history.values().stream()
                .anyMatch(h -> entry.paymentId().equals(h.paymentId()))) {
            throw new ConcurrentUpdateException("The credit of payment " + entry.paymentId());
        }
        long id = database.nextId();
        database.history.put(id, new PointHistory(id, entry.userId(), entry.type(), entry.amount(),
                entry.balanceAfter(), entry.orderId(), entry.paymentId(), entry.createdAt()));
    }

    @Override
    public void addHistories(List<PointHistory> entries) {
        entries.forEach(this::addHistory);
    }

    /** Every user's entries, oldest first. */
    public List<PointHistory> allHistory() {
        return List.copyOf(database.history.values());
    }
}

package com.ecommerce.adapter.out.persistence.point;

import com.ecommerce.adapter.out.persistence.shared.LockedRows;
import com.ecommerce.adapter.out.persistence.shared.Pages;
import com.ecommerce.adapter.out.persistence.shared.VersionFence;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.Points;
import com.ecommerce.domain.point.StaleBalanceException;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.query.SelectionQuery;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Balances ({@code point_balance}) and their history ({@code point_history}) with JPA. A balance is read as plain
 * values (nothing to snapshot for dirty checking) and written by the version-checked update, the fence.
 */
public class PointStoreAdapter implements PointStorePort {

    private static final String UPDATE_BY_ID_AND_VERSION =
            "update point_balance set balance = ?, version = version + 1 where user_id = ? and version = ?";
    private static final String INSERT_HISTORY = "insert into point_history "
            + "(user_id, type, amount, balance_after, order_id, payment_id, created_at) values (?, ?, ?, ?, ?, ?, ?)";
    /** The unique index that credits a payment once (V4); the databases name it in their refusal. */
    private static final String ONE_CREDIT_PER_PAYMENT = "uk_point_history_payment_id";

    /** What the row queries select, built by Hibernate through this constructor. */
    record PointRow(long userId, long balance, long version) {

        Point toDomain() {
            return Point.reconstitute(userId, balance, version);
        }
    }

    private final EntityManager em;
    private final VersionFence fence;

    public PointStoreAdapter(EntityManager em) {
        this.em = em;
        this.fence = new VersionFence(em, "The balance of user", StaleBalanceException::new);
    }

    @Override
    public Optional<Point> findPoint(long userId) {
        List<Point> locked = lockedPoints(List.of(userId));
        if (locked != null) {
            return Optional.of(locked.getFirst());
        }
        return em.createNamedQuery(PointJpaEntity.FIND_BY_ID, PointRow.class).setParameter("userId", userId)
                .getResultList().stream().findFirst().map(PointRow::toDomain);
    }

    /** Rows this transaction's locking select read (lock-db) are not read again: {@link LockedRows}. */
    @Override
    public List<Point> findPoints(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        List<Point> locked = lockedPoints(userIds);
        if (locked != null) {
            return locked;
        }
        TypedQuery<PointRow> query = em.createNamedQuery(PointJpaEntity.FIND_BY_IDS, PointRow.class);
        query.unwrap(SelectionQuery.class).setParameterList("userIds", userIds);
        return query.getResultList().stream().map(PointRow::toDomain).toList();
    }

    private static List<Point> lockedPoints(Collection<Long> userIds) {
        List<LockedRows.Row> rows = LockedRows.take(LockedRows.Table.POINT_BALANCE, userIds);
        return rows == null ? null
                : rows.stream().map(row -> Point.reconstitute(row.id(), row.value(), row.version())).toList();
    }

    @Override
    public void addPoint(Point point) {
        em.persist(new PointJpaEntity(point.userId(), point.balance()));
    }

    @Override
    public void updatePoint(Point point) {
        LockedRows.forget(LockedRows.Table.POINT_BALANCE, point.userId());
        fence.update(point.userId(), UPDATE_BY_ID_AND_VERSION, point.balance(), point.userId(), point.version());
    }

    /**
     * One JDBC batch of the fence's statement (the named JPQL update is translated again on every call and sent
     * alone): with the connector's {@code rewriteBatchedStatements} the statements travel together, and each one's
     * own count comes back, so every row is still fenced on its own.
     */
    @Override
    public void updatePoints(List<Point> points) {
        if (points.size() == 1) {
            updatePoint(points.getFirst());
            return;
        }
        if (points.isEmpty()) {
            return;
        }
        points.forEach(point -> LockedRows.forget(LockedRows.Table.POINT_BALANCE, point.userId()));
        fence.updateAll(points, Point::userId, rows -> em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_BY_ID_AND_VERSION)) {
                for (Point point : rows) {
                    update.setLong(1, point.balance());
                    update.setLong(2, point.userId());
                    update.setLong(3, point.version());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        }));
    }

    /**
     * The insert runs at {@code persist} (the id is the database's identity), so the unique index on
     * {@code payment_id} answers here: a payment credited already is a concurrent credit.
     */
    @Override
    public void addHistory(PointHistory entry) {
        try {
            em.persist(new PointHistoryJpaEntity(entry.userId(), entry.type(), entry.amount().value(),
                    entry.balanceAfter().value(), entry.orderId(), entry.paymentId(), entry.createdAt()));
        } catch (RuntimeException e) {
            throw asDuplicateCredit(e, List.of(entry));
        }
    }

    /** One JDBC batch, a multi-row insert with the connector's {@code rewriteBatchedStatements}; no ids read back. */
    @Override
    public void addHistories(List<PointHistory> entries) {
        if (entries.size() <= 1) {
            entries.forEach(this::addHistory);
            return;
        }
        em.flush(); // in the order the transaction wrote
        try {
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
                    for (PointHistory entry : entries) {
                        insert.setLong(1, entry.userId());
                        insert.setString(2, entry.type().name());
                        insert.setLong(3, entry.amount().value());
                        insert.setLong(4, entry.balanceAfter().value());
                        if (entry.orderId() == null) {
                            insert.setNull(5, Types.BIGINT);
                        } else {
                            insert.setLong(5, entry.orderId());
                        }
                        insert.setString(6, entry.paymentId());
                        insert.setObject(7, LocalDateTime.ofInstant(entry.createdAt(), ZoneOffset.UTC));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        } catch (RuntimeException e) {
            throw asDuplicateCredit(e, entries);
        }
    }

    /**
     * A refusal by {@value #ONE_CREDIT_PER_PAYMENT} is a second credit of a payment, which only a writer whose claim
     * or lock was lost can attempt: the fence's answer, so that the request is retried and finds the payment done.
     * Any other failure stays what it is.
     */
    private static RuntimeException asDuplicateCredit(RuntimeException failure, List<PointHistory> entries) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null
                    && violation.getConstraintName().toLowerCase(Locale.ROOT).contains(ONE_CREDIT_PER_PAYMENT)) {
                String payments = entries.stream().map(PointHistory::paymentId).filter(Objects::nonNull)
                        .collect(Collectors.joining(", "));
                return new ConcurrentUpdateException("The credit of payment " + payments, failure);
            }
        }
        return failure;
    }

    @Override
    public Page<PointHistory> findHistory(long userId, PageQuery pageQuery) {
        return Pages.page(em, PointHistoryJpaEntity.FIND_BY_USER, PointHistoryJpaEntity.COUNT_BY_USER,
                PointHistoryJpaEntity.class,
                q -> q.setParameter("userId", userId), pageQuery,
                e -> new PointHistory(e.getId(), e.getUserId(), e.getType(), Points.of(e.getAmount()),
                        Points.of(e.getBalanceAfter()), e.getOrderId(), e.getPaymentId(), e.getCreatedAt()));
    }
}

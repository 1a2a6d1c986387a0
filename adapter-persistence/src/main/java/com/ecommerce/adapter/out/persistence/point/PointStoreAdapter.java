package com.ecommerce.adapter.out.persistence.point;

import com.ecommerce.adapter.out.persistence.shared.Pages;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.Points;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import jakarta.persistence.EntityManager;

import java.util.Optional;

/**
 * Balances ({@code point_balance}) and their history ({@code point_history}) with JPA. A balance is read as plain
 * values (nothing to snapshot for dirty checking) and written by the version-checked update, the fence.
 */
public class PointStoreAdapter implements PointStorePort {


    public record PointRow(long userId, long balance, long version) {
    }

    private final EntityManager em;

    public PointStoreAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Point> findPoint(long userId) {
        return em.createNamedQuery(PointJpaEntity.FIND_ROW, PointRow.class).setParameter("userId", userId)
                .getResultList().stream().findFirst()
                .map(r -> Point.reconstitute(r.userId(), r.balance(), r.version()));
    }

    @Override
    public void addPoint(Point point) {
        em.persist(new PointJpaEntity(point.userId(), point.balance()));
    }

    @Override
    public void updatePoint(Point point) {
        em.flush(); // what the transaction wrote before goes first: the contended row is written last
        int updated = em.createNamedQuery(PointJpaEntity.UPDATE_IF_VERSION_MATCHES)
                .setParameter("balance", point.balance())
                .setParameter("userId", point.userId()).setParameter("version", point.version()).executeUpdate();
        if (updated == 0) {
            throw new ConcurrentUpdateException("The balance of user " + point.userId());
        }
    }

    @Override
    public void addHistory(PointHistory entry) {
        em.persist(new PointHistoryJpaEntity(entry.userId(), entry.type(), entry.amount().value(),
                entry.balanceAfter().value(), entry.orderId(), entry.createdAt()));
    }

    @Override
    public Page<PointHistory> findHistory(long userId, PageQuery pageQuery) {
        return Pages.page(em, PointHistoryJpaEntity.OF_USER, PointHistoryJpaEntity.COUNT_OF_USER,
                PointHistoryJpaEntity.class,
                q -> q.setParameter("userId", userId), pageQuery,
                e -> new PointHistory(e.getId(), e.getUserId(), e.getType(), Points.of(e.getAmount()),
                        Points.of(e.getBalanceAfter()), e.getOrderId(), e.getCreatedAt()));
    }
}

package com.ecommerce.application.point.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Balances and their history. */
public interface PointStorePort {

    Optional<Point> findPoint(long userId);

    /** The balances that exist among {@code userIds}, in any order, in one read. */
    List<Point> findPoints(Collection<Long> userIds);

    void addPoint(Point point);

    /**
     * Writes the balance if the stored version is still {@code point.version()}, and bumps the version: the fence
     * that keeps a lost lock from losing an update.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was read
     */
    void updatePoint(Point point);

    /**
     * As {@link #updatePoint} for each of {@code points}, in the given order, sent together: whatever the
     * transaction wrote before goes first, then every balance is fenced by its version.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when any of the rows changed since it was read
     *         (the transaction must then roll back: the others may have been written)
     */
    void updatePoints(List<Point> points);

    /**
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the entry credits a payment that another
     *         entry credited already: a payment is credited once, and only a writer that lost its claim tries twice
     */
    void addHistory(PointHistory entry);

    /**
     * Adds every entry, sent together.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException as {@link #addHistory} (the transaction must
     *         then roll back: the others may have been written)
     */
    void addHistories(List<PointHistory> entries);

    /** Newest first. */
    Page<PointHistory> findHistory(long userId, PageQuery pageQuery);
}

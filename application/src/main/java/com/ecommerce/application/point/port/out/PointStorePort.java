package com.ecommerce.application.point.port.out;

import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;

import java.util.Optional;

/** Balances and their history. */
public interface PointStorePort {

    Optional<Point> findPoint(long userId);

    void addPoint(Point point);

    /**
     * Writes the balance if the stored version is still {@code point.version()}, and bumps the version: the fence
     * that keeps a lost lock from losing an update.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was read
     */
    void updatePoint(Point point);

    void addHistory(PointHistory entry);

    /** Newest first. */
    Page<PointHistory> findHistory(long userId, PageQuery pageQuery);
}

package com.ecommerce.application.port.out;

import com.ecommerce.domain.point.Point;

public interface SavePointPort {

    void insertPoint(Point point);

    /**
     * Writes the balance if the stored version is still {@code point.version()}, and bumps the version.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was loaded
     */
    void updatePoint(Point point);
}

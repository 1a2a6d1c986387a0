package com.ecommerce.application.port.out;

import com.ecommerce.domain.stock.ItemStock;

public interface SaveStockPort {

    void insertStock(ItemStock stock);

    /**
     * Writes the quantity if the stored version is still {@code stock.version()}, and bumps the version.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was loaded
     */
    void updateStock(ItemStock stock);
}

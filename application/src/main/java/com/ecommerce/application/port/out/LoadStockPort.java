package com.ecommerce.application.port.out;

import com.ecommerce.domain.stock.ItemStock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface LoadStockPort {

    Optional<ItemStock> loadStock(long itemId);

    /** The stocks that exist among {@code itemIds}, in any order. */
    List<ItemStock> loadStocks(Collection<Long> itemIds);
}

package com.ecommerce.application.stock.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Items (name and price, never changed once added) and their stock. */
public interface ItemStorePort {

    Optional<Item> findItem(long itemId);

    /** The items that exist among {@code itemIds}, in any order. */
    List<Item> findItems(Collection<Long> itemIds);

    /** Oldest first (by id). */
    Page<Item> findItemPage(PageQuery pageQuery);

    /** Stores a new item and returns it with its id. */
    Item addItem(Item item);

    Optional<ItemStock> findStock(long itemId);

    /** The stocks that exist among {@code itemIds}, in any order. */
    List<ItemStock> findStocks(Collection<Long> itemIds);

    void addStock(ItemStock stock);

    /**
     * Writes the quantity if the stored version is still {@code stock.version()}, and bumps the version.
     *
     * @throws com.ecommerce.domain.shared.ConcurrentUpdateException when the row changed since it was read
     */
    void updateStock(ItemStock stock);
}

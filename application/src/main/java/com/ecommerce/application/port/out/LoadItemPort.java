package com.ecommerce.application.port.out;

import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;
import com.ecommerce.domain.stock.Item;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface LoadItemPort {

    Optional<Item> loadItem(long itemId);

    /** The items that exist among {@code itemIds}, in any order. */
    List<Item> loadItems(Collection<Long> itemIds);

    /** Oldest first (by id). */
    Page<Item> loadItemPage(PageQuery pageQuery);
}

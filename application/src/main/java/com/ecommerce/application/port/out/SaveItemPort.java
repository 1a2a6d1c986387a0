package com.ecommerce.application.port.out;

import com.ecommerce.domain.stock.Item;

public interface SaveItemPort {

    /** Stores a new item and returns it with its id. */
    Item saveNewItem(Item item);
}

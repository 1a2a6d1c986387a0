package com.ecommerce.application.stock.service;

import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.shared.ReadCapacity;
import com.ecommerce.application.stock.port.in.GetItemUseCase;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

public class GetItemService implements GetItemUseCase {

    private final ItemStorePort items;
    private final TransactionPort transactionPort;
    private final ReadCapacity capacity;

    /** @param capacity the public catalogue's share of the database's connections */
    public GetItemService(ItemStorePort items, TransactionPort transactionPort, ReadCapacity capacity) {
        this.items = items;
        this.transactionPort = transactionPort;
        this.capacity = capacity;
    }

    @Override
    public ItemView getItem(long itemId) {
        Checks.positiveId("itemId", itemId);
        return capacity.read(() -> transactionPort.readOnly(() -> {
            Item item = items.findItem(itemId).orElseThrow(() -> NotFound.item(itemId));
            ItemStock stock = items.findStock(itemId).orElseThrow(() -> NotFound.item(itemId));
            return new ItemView(item.id(), item.name(), item.price(), stock.quantity());
        }));
    }
}

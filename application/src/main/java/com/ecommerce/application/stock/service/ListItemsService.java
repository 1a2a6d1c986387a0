package com.ecommerce.application.stock.service;

import com.ecommerce.application.shared.ReadCapacity;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.ListItemsUseCase;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.util.Map;
import java.util.stream.Collectors;

public class ListItemsService implements ListItemsUseCase {

    private final ItemStorePort items;
    private final TransactionPort transactionPort;
    private final ReadCapacity capacity;

    /** @param capacity the public catalogue's share of the database's connections */
    public ListItemsService(ItemStorePort items, TransactionPort transactionPort, ReadCapacity capacity) {
        this.items = items;
        this.transactionPort = transactionPort;
        this.capacity = capacity;
    }

    @Override
    public Page<ItemView> listItems(PageQuery pageQuery) {
        return capacity.read(() -> transactionPort.readOnly(() -> {
            Page<Item> page = items.findItemPage(pageQuery);
            Map<Long, Long> stockById = items.findStocks(page.content().stream().map(Item::id).toList())
                    .stream().collect(Collectors.toMap(ItemStock::itemId, ItemStock::quantity));
            return page.map(item -> new ItemView(item.id(), item.name(), item.price(),
                    stockById.getOrDefault(item.id(), 0L)));
        }));
    }
}

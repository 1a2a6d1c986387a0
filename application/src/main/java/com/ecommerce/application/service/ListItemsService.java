package com.ecommerce.application.service;

import com.ecommerce.application.port.in.ItemView;
import com.ecommerce.application.port.in.ListItemsUseCase;
import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.util.Map;
import java.util.stream.Collectors;

public class ListItemsService implements ListItemsUseCase {

    private final LoadItemPort loadItemPort;
    private final LoadStockPort loadStockPort;
    private final TransactionPort transactionPort;

    public ListItemsService(LoadItemPort loadItemPort, LoadStockPort loadStockPort, TransactionPort transactionPort) {
        this.loadItemPort = loadItemPort;
        this.loadStockPort = loadStockPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public Page<ItemView> listItems(PageQuery pageQuery) {
        return transactionPort.readOnly(() -> {
            Page<Item> items = loadItemPort.loadItemPage(pageQuery);
            Map<Long, Long> stockById = loadStockPort.loadStocks(items.content().stream().map(Item::id).toList())
                    .stream().collect(Collectors.toMap(ItemStock::itemId, ItemStock::quantity));
            return items.map(item -> new ItemView(item.id(), item.name(), item.price(),
                    stockById.getOrDefault(item.id(), 0L)));
        });
    }
}

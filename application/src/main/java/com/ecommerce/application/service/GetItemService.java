package com.ecommerce.application.service;

import com.ecommerce.application.port.in.GetItemUseCase;
import com.ecommerce.application.port.in.ItemView;
import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

public class GetItemService implements GetItemUseCase {

    private final LoadItemPort loadItemPort;
    private final LoadStockPort loadStockPort;
    private final TransactionPort transactionPort;

    public GetItemService(LoadItemPort loadItemPort, LoadStockPort loadStockPort, TransactionPort transactionPort) {
        this.loadItemPort = loadItemPort;
        this.loadStockPort = loadStockPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public ItemView getItem(long itemId) {
        Checks.positiveId("itemId", itemId);
        return transactionPort.readOnly(() -> {
            Item item = loadItemPort.loadItem(itemId).orElseThrow(() -> NotFound.item(itemId));
            ItemStock stock = loadStockPort.loadStock(itemId).orElseThrow(() -> NotFound.item(itemId));
            return new ItemView(item.id(), item.name(), item.price(), stock.quantity());
        });
    }
}

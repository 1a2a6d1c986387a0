package com.ecommerce.application.service;

import com.ecommerce.application.port.in.ItemView;
import com.ecommerce.application.port.in.RegisterItemCommand;
import com.ecommerce.application.port.in.RegisterItemUseCase;
import com.ecommerce.application.port.out.SaveItemPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

public class RegisterItemService implements RegisterItemUseCase {

    private final SaveItemPort saveItemPort;
    private final SaveStockPort saveStockPort;
    private final TransactionPort transactionPort;

    public RegisterItemService(SaveItemPort saveItemPort, SaveStockPort saveStockPort, TransactionPort transactionPort) {
        this.saveItemPort = saveItemPort;
        this.saveStockPort = saveStockPort;
        this.transactionPort = transactionPort;
    }

    @Override
    public ItemView register(RegisterItemCommand command) {
        return transactionPort.inTransaction(() -> {
            Item item = saveItemPort.saveNewItem(Item.create(command.name(), command.price()));
            ItemStock stock = ItemStock.open(item.id(), command.stock());
            saveStockPort.insertStock(stock);
            return new ItemView(item.id(), item.name(), item.price(), stock.quantity());
        });
    }
}

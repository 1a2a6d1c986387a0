package com.ecommerce.application.stock.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RegisterItemUseCase;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

public class RegisterItemService implements RegisterItemUseCase {

    private final ItemStorePort items;
    private final TransactionPort transactionPort;

    public RegisterItemService(ItemStorePort items, TransactionPort transactionPort) {
        this.items = items;
        this.transactionPort = transactionPort;
    }

    @Override
    public ItemView register(Actor actor, RegisterItemCommand command) {
        actor.requireAdmin();
        return transactionPort.inTransaction(() -> {
            Item item = items.addItem(Item.create(command.name(), command.price()));
            ItemStock stock = ItemStock.open(item.id(), command.stock());
            items.addStock(stock);
            return new ItemView(item.id(), item.name(), item.price(), stock.quantity());
        });
    }
}

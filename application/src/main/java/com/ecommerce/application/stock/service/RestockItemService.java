package com.ecommerce.application.stock.service;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemUseCase;
import com.ecommerce.application.stock.port.in.StockLevel;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.stock.ItemStock;


/** Under the lock of the item's stock: load it, add the quantity, write it (fenced). */
public class RestockItemService implements RestockItemUseCase {

    private final ItemStorePort items;
    private final GuardedUnitOfWork unitOfWork;

    public RestockItemService(ItemStorePort items, GuardedUnitOfWork unitOfWork) {
        this.items = items;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public StockLevel restock(Actor actor, RestockItemCommand command) {
        actor.requireAdmin();
        long itemId = command.itemId();
        return unitOfWork.run(LockKeys.of(LockKey.itemStock(itemId)), IdempotentRequest.none(), () -> {
            ItemStock stock = items.findStock(itemId).orElseThrow(() -> NotFound.item(itemId));
            stock.restock(command.quantity());
            items.updateStock(stock);
            return new StockLevel(itemId, stock.quantity());
        });
    }
}

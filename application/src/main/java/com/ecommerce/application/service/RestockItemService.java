package com.ecommerce.application.service;

import com.ecommerce.application.port.in.RestockItemCommand;
import com.ecommerce.application.port.in.RestockItemUseCase;
import com.ecommerce.application.port.in.StockLevel;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.application.port.out.TransactionPort;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockPort;
import com.ecommerce.domain.stock.ItemStock;

import java.time.Duration;
import java.util.List;

public class RestockItemService implements RestockItemUseCase {

    private final LoadStockPort loadStockPort;
    private final SaveStockPort saveStockPort;
    private final LockPort lockPort;
    private final TransactionPort transactionPort;
    private final Duration lockWaitTimeout;

    public RestockItemService(LoadStockPort loadStockPort, SaveStockPort saveStockPort, LockPort lockPort,
                              TransactionPort transactionPort, Duration lockWaitTimeout) {
        this.loadStockPort = loadStockPort;
        this.saveStockPort = saveStockPort;
        this.lockPort = lockPort;
        this.transactionPort = transactionPort;
        this.lockWaitTimeout = lockWaitTimeout;
    }

    @Override
    public StockLevel restock(RestockItemCommand command) {
        long itemId = command.itemId();
        return lockPort.withLocks(List.of(LockKey.itemStock(itemId)), lockWaitTimeout,
                () -> transactionPort.inTransaction(() -> {
                    ItemStock stock = loadStockPort.loadStock(itemId).orElseThrow(() -> NotFound.item(itemId));
                    stock.restock(command.quantity());
                    saveStockPort.updateStock(stock);
                    return new StockLevel(itemId, stock.quantity());
                }));
    }
}

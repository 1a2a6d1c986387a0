package com.ecommerce.application.testing;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.testing.InMemoryDatabase.StockRow;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The in-memory {@link ItemStorePort}. */
public class InMemoryItems implements ItemStorePort {

    private final InMemoryDatabase database;

    public InMemoryItems(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Item> findItem(long itemId) {
        return Optional.ofNullable(database.items.get(itemId));
    }

    @Override
    public List<Item> findItems(Collection<Long> itemIds) {
        return itemIds.stream().distinct().map(database.items::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Page<Item> findItemPage(PageQuery q) {
        return InMemoryDatabase.page(List.copyOf(database.items.values()), q);
    }

    @Override
    public Item addItem(Item item) {
        Item stored = Item.reconstitute(database.nextId(), item.name(), item.price());
        database.items.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<ItemStock> findStock(long itemId) {
        return Optional.ofNullable(database.stocks.get(itemId))
                .map(r -> ItemStock.reconstitute(itemId, r.quantity(), r.version()));
    }

    @Override
    public List<ItemStock> findStocks(Collection<Long> itemIds) {
        return itemIds.stream().distinct().map(this::findStock).flatMap(Optional::stream).toList();
    }

    @Override
    public void addStock(ItemStock stock) {
        database.stocks.put(stock.itemId(), new StockRow(stock.quantity(), 0));
    }

    @Override
    public void updateStock(ItemStock stock) {
        StockRow row = database.stocks.get(stock.itemId());
        if (row == null || row.version() != stock.version()) {
            throw new ConcurrentUpdateException("stock of item " + stock.itemId());
        }
        database.stocks.put(stock.itemId(), new StockRow(stock.quantity(), row.version() + 1));
    }
}

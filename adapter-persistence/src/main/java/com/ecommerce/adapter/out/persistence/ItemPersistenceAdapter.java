package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.SaveItemPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Component
class ItemPersistenceAdapter implements LoadItemPort, SaveItemPort, LoadStockPort, SaveStockPort {

    private final ItemRepository itemRepository;
    private final ItemStockRepository stockRepository;
    private final Clock clock;

    ItemPersistenceAdapter(ItemRepository itemRepository, ItemStockRepository stockRepository, Clock clock) {
        this.itemRepository = itemRepository;
        this.stockRepository = stockRepository;
        this.clock = clock;
    }

    private static Item toDomain(ItemJpaEntity e) {
        return Item.reconstitute(e.getId(), e.getName(), e.getPrice());
    }

    private static ItemStock toDomain(ItemStockJpaEntity e) {
        return ItemStock.reconstitute(e.getItemId(), e.getQuantity(), e.getVersion());
    }

    @Override
    public Optional<Item> loadItem(long itemId) {
        return itemRepository.findById(itemId).map(ItemPersistenceAdapter::toDomain);
    }

    @Override
    public List<Item> loadItems(Collection<Long> itemIds) {
        return itemRepository.findAllById(itemIds).stream().map(ItemPersistenceAdapter::toDomain).toList();
    }

    @Override
    public Page<Item> loadItemPage(PageQuery pageQuery) {
        return Pages.toPage(itemRepository.findAll(Pages.request(pageQuery, Sort.by("id"))),
                ItemPersistenceAdapter::toDomain);
    }

    @Override
    public Item saveNewItem(Item item) {
        return toDomain(itemRepository.save(new ItemJpaEntity(item.name(), item.price(), Timestamps.now(clock))));
    }

    @Override
    public Optional<ItemStock> loadStock(long itemId) {
        return stockRepository.findById(itemId).map(ItemPersistenceAdapter::toDomain);
    }

    @Override
    public List<ItemStock> loadStocks(Collection<Long> itemIds) {
        return stockRepository.findAllById(itemIds).stream().map(ItemPersistenceAdapter::toDomain).toList();
    }

    @Override
    public void insertStock(ItemStock stock) {
        stockRepository.save(new ItemStockJpaEntity(stock.itemId(), stock.quantity()));
    }

    @Override
    public void updateStock(ItemStock stock) {
        if (stockRepository.updateIfVersionMatches(stock.itemId(), stock.quantity(), stock.version()) == 0) {
            throw new ConcurrentUpdateException("The stock of item " + stock.itemId());
        }
    }
}

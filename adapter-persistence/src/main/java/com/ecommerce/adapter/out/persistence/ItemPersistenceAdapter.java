package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.port.out.LoadItemPort;
import com.ecommerce.application.port.out.LoadStockPort;
import com.ecommerce.application.port.out.SaveItemPort;
import com.ecommerce.application.port.out.SaveStockPort;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.query.SelectionQuery;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Items and their stock. An item's name and price never change once registered (the API has no way to change or
 * delete them), so items are cached in this instance after their first read: an order learns its prices, and a
 * product page its name, without a query. Nothing needs invalidating, on any number of instances. Unknown ids are
 * not cached (they may be registered later). Stock changes all the time and is always read from the database.
 */
@Component
class ItemPersistenceAdapter implements LoadItemPort, SaveItemPort, LoadStockPort, SaveStockPort {

    private static final int CACHED_ITEMS = 100_000;

    private final ItemRepository itemRepository;
    private final ItemStockRepository stockRepository;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Cache<Long, Item> items = Caffeine.newBuilder().maximumSize(CACHED_ITEMS).build();

    ItemPersistenceAdapter(ItemRepository itemRepository, ItemStockRepository stockRepository,
                           EntityManager entityManager, Clock clock) {
        this.itemRepository = itemRepository;
        this.stockRepository = stockRepository;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    private static Item toDomain(ItemJpaEntity e) {
        return Item.reconstitute(e.getId(), e.getName(), e.getPrice());
    }

    private static ItemStock toDomain(ItemStockRepository.StockRow row) {
        return ItemStock.reconstitute(row.itemId(), row.quantity(), row.version());
    }

    @Override
    public Optional<Item> loadItem(long itemId) {
        Item cached = items.getIfPresent(itemId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Item> loaded = itemRepository.findById(itemId).map(ItemPersistenceAdapter::toDomain);
        loaded.ifPresent(item -> items.put(itemId, item));
        return loaded;
    }

    @Override
    public List<Item> loadItems(Collection<Long> itemIds) {
        Map<Long, Item> found = items.getAll(itemIds, missing -> itemRepository.findByIdIn(List.copyOf(missing)).stream()
                .map(ItemPersistenceAdapter::toDomain).collect(Collectors.toMap(Item::id, Function.identity())));
        return List.copyOf(found.values());
    }

    @Override
    public Page<Item> loadItemPage(PageQuery pageQuery) {
        return Pages.toPage(itemRepository.findAll(Pages.request(pageQuery, Sort.by("id"))),
                ItemPersistenceAdapter::toDomain);
    }

    @Override
    public Item saveNewItem(Item item) {
        Item saved = toDomain(itemRepository.save(new ItemJpaEntity(item.name(), item.price(), Timestamps.now(clock))));
        // not cached here: the transaction that registers it may still roll back
        return saved;
    }

    @Override
    public Optional<ItemStock> loadStock(long itemId) {
        return stockRepository.findRow(itemId).map(ItemPersistenceAdapter::toDomain);
    }

    @Override
    public List<ItemStock> loadStocks(Collection<Long> itemIds) {
        if (itemIds.size() == 1) {
            return loadStock(itemIds.iterator().next()).map(List::of).orElse(List.of());
        }
        TypedQuery<ItemStockRepository.StockRow> query =
                entityManager.createQuery(ItemStockRepository.ROWS_BY_IDS, ItemStockRepository.StockRow.class);
        query.unwrap(SelectionQuery.class).setParameterList("itemIds", itemIds);
        return query.getResultList().stream().map(ItemPersistenceAdapter::toDomain).toList();
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

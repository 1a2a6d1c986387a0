package com.ecommerce.adapter.out.persistence.stock;

import com.ecommerce.adapter.out.persistence.shared.AfterCommit;
import com.ecommerce.adapter.out.persistence.shared.CommittedReads;
import com.ecommerce.adapter.out.persistence.shared.LockedRows;
import com.ecommerce.adapter.out.persistence.shared.Pages;
import com.ecommerce.adapter.out.persistence.shared.VersionFence;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.shared.Timestamps;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.query.SelectionQuery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Items ({@code item}) and their stock ({@code item_stock}) with JPA. An item's name and price never change once
 * registered (the API has no way to change or delete them), so items are cached in this instance after their first
 * read: an order learns its prices, and a product page its name, without a query. Nothing needs invalidating, on any
 * number of instances. Unknown ids are not cached (they may be registered later), nor is what a read-write
 * transaction reads (it may be its own insert, which a rollback takes back: {@link CommittedReads}). Stock changes
 * all the time and is
 * always read from the database, as plain values, and written by the version-checked update, the fence.
 *
 * <p>Id lists are bound with Hibernate's {@code setParameterList}: with {@code setParameter}, Hibernate 7 first tries
 * to coerce the whole list to a {@code Long} and throws and catches a {@code CoercionException} on every call.
 */
public class ItemStoreAdapter implements ItemStorePort {

    private static final int CACHED_ITEMS = 100_000;
    private static final String UPDATE_BY_ID_AND_VERSION =
            "update item_stock set quantity = ?, version = version + 1 where item_id = ? and version = ?";

    /** What the stock queries select, built by Hibernate through this constructor. */
    record StockRow(long itemId, long quantity, long version) {

        ItemStock toDomain() {
            return ItemStock.reconstitute(itemId, quantity, version);
        }
    }

    private final EntityManager em;
    private final Clock clock;
    private final VersionFence fence;
    private final Cache<Long, Item> items = Caffeine.newBuilder().maximumSize(CACHED_ITEMS).build();
    /** The count of all items, for the catalogue's pages; null when not cached. */
    private final Cache<Boolean, Long> itemCount;

    public ItemStoreAdapter(EntityManager em, Clock clock) {
        this(em, clock, Duration.ZERO);
    }

    /**
     * @param countTtl how long the catalogue's item count is reused ({@code ecommerce.catalogue.count-ttl}); zero
     *                 counts on every page. The public list is the one query anyone may send as often as their
     *                 limits allow, and its count walks the whole table: cached, a page costs one indexed read.
     *                 Items are never deleted, and a registration on this instance drops the count at its commit;
     *                 another instance's shows within the time to live.
     */
    public ItemStoreAdapter(EntityManager em, Clock clock, Duration countTtl) {
        this.em = em;
        this.clock = clock;
        this.fence = new VersionFence(em, "The stock of item");
        this.itemCount = countTtl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(countTtl).build();
    }

    private static Item toDomain(ItemJpaEntity e) {
        return Item.reconstitute(e.getId(), e.getName(), e.getPrice());
    }

    @Override
    public Optional<Item> findItem(long itemId) {
        Item cached = items.getIfPresent(itemId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Item> loaded = Optional.ofNullable(em.find(ItemJpaEntity.class, itemId))
                .map(ItemStoreAdapter::toDomain);
        if (CommittedReads.now()) {
            loaded.ifPresent(item -> items.put(itemId, item));
        }
        return loaded;
    }

    @Override
    public List<Item> findItems(Collection<Long> itemIds) {
        if (!CommittedReads.now()) {
            return List.copyOf(load(itemIds).values());
        }
        return List.copyOf(items.getAll(itemIds, this::load).values());
    }

    private Map<Long, Item> load(Collection<? extends Long> itemIds) {
        TypedQuery<ItemJpaEntity> query = em.createNamedQuery(ItemJpaEntity.FIND_BY_IDS, ItemJpaEntity.class);
        query.unwrap(SelectionQuery.class).setParameterList("ids", List.copyOf(itemIds));
        return query.getResultList().stream().map(ItemStoreAdapter::toDomain)
                .collect(Collectors.toMap(Item::id, Function.identity()));
    }

    @Override
    public Page<Item> findItemPage(PageQuery pageQuery) {
        if (itemCount == null || !CommittedReads.now()) {
            return Pages.page(em, ItemJpaEntity.FIND_ALL, ItemJpaEntity.COUNT_ALL, ItemJpaEntity.class, q -> { },
                    pageQuery, ItemStoreAdapter::toDomain);
        }
        // concurrent readers of an expired count wait for one query rather than each sending their own
        long total = itemCount.get(Boolean.TRUE,
                all -> em.createNamedQuery(ItemJpaEntity.COUNT_ALL, Long.class).getSingleResult());
        return Pages.page(em, ItemJpaEntity.FIND_ALL, total, ItemJpaEntity.class, q -> { }, pageQuery,
                ItemStoreAdapter::toDomain);
    }

    @Override
    public Item addItem(Item item) {
        ItemJpaEntity entity = new ItemJpaEntity(item.name(), item.price(), Timestamps.now(clock));
        em.persist(entity);
        // not cached here: the transaction that registers it may still roll back
        if (itemCount != null) {
            AfterCommit.run(itemCount::invalidateAll);
        }
        return toDomain(entity);
    }

    @Override
    public Optional<ItemStock> findStock(long itemId) {
        List<ItemStock> locked = lockedStocks(List.of(itemId));
        if (locked != null) {
            return Optional.of(locked.getFirst());
        }
        return em.createNamedQuery(ItemStockJpaEntity.FIND_BY_ID, StockRow.class).setParameter("itemId", itemId)
                .getResultList().stream().findFirst().map(StockRow::toDomain);
    }

    /** Rows this transaction's locking select read (lock-db) are not read again: {@link LockedRows}. */
    @Override
    public List<ItemStock> findStocks(Collection<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        List<ItemStock> locked = lockedStocks(itemIds);
        if (locked != null) {
            return locked;
        }
        if (itemIds.size() == 1) {
            return findStock(itemIds.iterator().next()).map(List::of).orElse(List.of());
        }
        TypedQuery<StockRow> query = em.createNamedQuery(ItemStockJpaEntity.FIND_BY_IDS, StockRow.class);
        query.unwrap(SelectionQuery.class).setParameterList("itemIds", itemIds);
        return query.getResultList().stream().map(StockRow::toDomain).toList();
    }

    private static List<ItemStock> lockedStocks(Collection<Long> itemIds) {
        List<LockedRows.Row> rows = LockedRows.take(LockedRows.Table.ITEM_STOCK, itemIds);
        return rows == null ? null
                : rows.stream().map(row -> ItemStock.reconstitute(row.id(), row.value(), row.version())).toList();
    }

    @Override
    public void addStock(ItemStock stock) {
        em.persist(new ItemStockJpaEntity(stock.itemId(), stock.quantity()));
    }

    @Override
    public void updateStock(ItemStock stock) {
        LockedRows.forget(LockedRows.Table.ITEM_STOCK, stock.itemId());
        fence.update(stock.itemId(), UPDATE_BY_ID_AND_VERSION, stock.quantity(), stock.itemId(), stock.version());
    }
}

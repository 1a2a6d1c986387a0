package com.ecommerce.adapter.out.persistence.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@NamedQuery(name = ItemStockJpaEntity.ROW_BY_ID, query = "select new "
        + "com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter$StockRow(s.itemId, s.quantity, s.version) "
        + "from ItemStockJpaEntity s "
        + "where s.itemId = :itemId")
@NamedQuery(name = ItemStockJpaEntity.ROWS_BY_IDS, query = "select new "
        + "com.ecommerce.adapter.out.persistence.stock.ItemStoreAdapter$StockRow(s.itemId, s.quantity, s.version) "
        + "from ItemStockJpaEntity s "
        + "where s.itemId in :itemIds")
@NamedQuery(name = ItemStockJpaEntity.UPDATE_IF_VERSION_MATCHES, query = "update ItemStockJpaEntity s "
        + "set s.quantity = :quantity, s.version = s.version + 1 "
        + "where s.itemId = :itemId and s.version = :version")
@Table(name = "item_stock")
class ItemStockJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String ROW_BY_ID = "ItemStockJpaEntity.rowById";
    static final String ROWS_BY_IDS = "ItemStockJpaEntity.rowsByIds";
    static final String UPDATE_IF_VERSION_MATCHES = "ItemStockJpaEntity.updateIfVersionMatches";

    @Id
    @Column(name = "item_id")
    private Long itemId;

    @Column(nullable = false)
    private long quantity;

    /** Bumped by the store's version-checked update (the fence); no JPA {@code @Version}: one fence, one owner. */
    @Column(nullable = false)
    private long version;

    protected ItemStockJpaEntity() {
    }

    ItemStockJpaEntity(long itemId, long quantity) {
        this.itemId = itemId;
        this.quantity = quantity;
    }

    Long getId() {
        return itemId;
    }
}

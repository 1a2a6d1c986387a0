package com.ecommerce.adapter.out.persistence.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity(name = "ItemStock")
@NamedQuery(name = ItemStockJpaEntity.FIND_BY_ID, query = "select s.itemId, s.quantity, s.version "
        + "from ItemStock s "
        + "where s.itemId = :itemId")
@NamedQuery(name = ItemStockJpaEntity.FIND_BY_IDS, query = "select s.itemId, s.quantity, s.version "
        + "from ItemStock s "
        + "where s.itemId in :itemIds")
@Table(name = "item_stock")
class ItemStockJpaEntity {

    /** Named queries are parsed and validated when the persistence unit starts, not by the first request. */
    static final String FIND_BY_ID = "ItemStock.findById";
    static final String FIND_BY_IDS = "ItemStock.findByIds";

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

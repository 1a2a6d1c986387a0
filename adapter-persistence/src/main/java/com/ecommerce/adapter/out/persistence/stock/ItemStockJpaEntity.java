package com.ecommerce.adapter.out.persistence.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "item_stock")
class ItemStockJpaEntity {

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

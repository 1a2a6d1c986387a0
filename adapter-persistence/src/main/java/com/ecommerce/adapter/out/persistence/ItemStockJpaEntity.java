package com.ecommerce.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "item_stock")
class ItemStockJpaEntity {

    @Id
    @Column(name = "item_id")
    private Long itemId;

    @Column(nullable = false)
    private long quantity;

    @Version
    private Long version;

    protected ItemStockJpaEntity() {
    }

    ItemStockJpaEntity(long itemId, long quantity) {
        this.itemId = itemId;
        this.quantity = quantity;
    }

    Long getItemId() {
        return itemId;
    }

    long getQuantity() {
        return quantity;
    }

    Long getVersion() {
        return version;
    }
}

package com.ecommerce.adapter.out.persistence;

import org.springframework.data.domain.Persistable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "item_stock")
class ItemStockJpaEntity implements Persistable<Long> {

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

    @Override
    public Long getId() {
        return itemId;
    }

    /** Why entities answer this themselves: {@link OrderJpaEntity#isNew()}. */
    @Override
    public boolean isNew() {
        return version == null;
    }
}

package com.ecommerce.adapter.out.persistence.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
class OrderLineEmbeddable {

    @Column(name = "item_id", nullable = false)
    private long itemId;

    @Column(name = "unit_price", nullable = false)
    private long unitPrice;

    @Column(nullable = false)
    private int quantity;

    protected OrderLineEmbeddable() {
    }

    OrderLineEmbeddable(long itemId, long unitPrice, int quantity) {
        this.itemId = itemId;
        this.unitPrice = unitPrice;
        this.quantity = quantity;
    }

    long getItemId() {
        return itemId;
    }

    long getUnitPrice() {
        return unitPrice;
    }

    int getQuantity() {
        return quantity;
    }
}

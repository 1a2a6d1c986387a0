package com.ecommerce.domain.stock;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;

import java.util.List;
import java.util.Map;

/**
 * The stock of one item. Invariant: {@code 0 <= quantity <= Limits.STOCK_MAX}. {@code version} is the
 * optimistic version the row was read at.
 */
public final class ItemStock {

    private final long itemId;
    private long quantity;
    private final long version;

    private ItemStock(long itemId, long quantity, long version) {
        if (quantity < 0 || quantity > Limits.STOCK_MAX) {
            throw new IllegalArgumentException("stock out of range: " + quantity);
        }
        this.itemId = itemId;
        this.quantity = quantity;
        this.version = version;
    }

    /** The opening stock of a new item, 0 to {@link Limits#STOCK_MAX}. */
    public static ItemStock open(long itemId, long initial) {
        Checks.inRange("stock", initial, 0, Limits.STOCK_MAX);
        return new ItemStock(itemId, initial, 0);
    }

    public static ItemStock reconstitute(long itemId, long quantity, long version) {
        return new ItemStock(itemId, quantity, version);
    }

    public boolean canSupply(long requested) {
        return requested <= quantity;
    }

    /** Takes {@code requested} units; the last unit sells once and stock never goes below zero. */
    public void deduct(long requested) {
        if (requested <= 0) {
            throw new IllegalArgumentException("a deduction must be positive: " + requested);
        }
        if (!canSupply(requested)) {
            throw new DomainException(ErrorCode.OUT_OF_STOCK,
                    "Item " + itemId + " has " + quantity + " left, " + requested + " requested",
                    Map.of("itemIds", List.of(itemId)));
        }
        quantity -= requested;
    }

    /** Adds {@code added} units (1 to {@link Limits#RESTOCK_MAX}); stock may not pass {@link Limits#STOCK_MAX}. */
    public void restock(long added) {
        Checks.inRange("quantity", added, Limits.RESTOCK_MIN, Limits.RESTOCK_MAX);
        if (added > Limits.STOCK_MAX - quantity) {
            throw new DomainException(ErrorCode.STOCK_LIMIT_EXCEEDED,
                    "Stock can never exceed " + Limits.STOCK_MAX + "; item " + itemId + " has " + quantity
                            + " and the restock is " + added);
        }
        quantity += added;
    }

    public long itemId() {
        return itemId;
    }

    public long quantity() {
        return quantity;
    }

    public long version() {
        return version;
    }
}

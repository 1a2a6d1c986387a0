package com.ecommerce.application.stock.port.in;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

/** Adds 1 to 1,000,000 units to an item's stock. */
public record RestockItemCommand(long itemId, long quantity) {

    public RestockItemCommand {
        Checks.positiveId("itemId", itemId);
        Checks.inRange("quantity", quantity, Limits.RESTOCK_MIN, Limits.RESTOCK_MAX);
    }
}

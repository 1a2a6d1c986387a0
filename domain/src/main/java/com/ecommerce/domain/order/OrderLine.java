package com.ecommerce.domain.order;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;

/** One item of an order at the unit price it was sold for. */
public record OrderLine(long itemId, long unitPrice, int quantity) {

    public OrderLine {
        Checks.positiveId("itemId", itemId);
        Checks.inRange("unitPrice", unitPrice, 0, Limits.PRICE_MAX);
        Checks.inRange("quantity", quantity, Limits.ORDER_QUANTITY_MIN, Limits.ORDER_QUANTITY_MAX);
    }

    /** Cannot overflow: at most 10^8 * 10^3. */
    public long amount() {
        return unitPrice * quantity;
    }
}

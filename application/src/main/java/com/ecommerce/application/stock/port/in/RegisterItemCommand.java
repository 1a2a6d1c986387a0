package com.ecommerce.application.stock.port.in;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.shared.Names;

/** Registers an item with its unit price (0 to 100,000,000) and opening stock (0 to 1,000,000). */
public record RegisterItemCommand(String name, long price, long stock) {

    public RegisterItemCommand {
        name = Names.normalize("name", name);
        Checks.inRange("price", price, 0, Limits.PRICE_MAX);
        Checks.inRange("stock", stock, 0, Limits.STOCK_MAX);
    }
}

package com.ecommerce.domain.stock;

import com.ecommerce.domain.shared.Checks;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.shared.Names;

/** A sellable item: its name and unit price (whole won, 0 to {@link Limits#PRICE_MAX}). */
public final class Item {

    private final Long id;
    private final String name;
    private final long price;

    private Item(Long id, String name, long price) {
        this.id = id;
        this.name = Names.normalize("name", name);
        this.price = Checks.inRange("price", price, 0, Limits.PRICE_MAX);
    }

    public static Item create(String name, long price) {
        return new Item(null, name, price);
    }

    public static Item reconstitute(long id, String name, long price) {
        return new Item(id, name, price);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long price() {
        return price;
    }
}

package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.application.stock.port.in.ItemView;

record ItemResponse(long itemId, String name, long price, long stock) {

    static ItemResponse of(ItemView view) {
        return new ItemResponse(view.itemId(), view.name(), view.price(), view.stock());
    }
}

package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.application.stock.port.in.ItemView;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Item", description = "An item of the catalogue, its price in won and its stock")
record ItemResponse(@Schema(example = "1") long itemId, @Schema(example = "pen") String name,
                    @Schema(example = "1500") long price, @Schema(example = "10") long stock) {

    static ItemResponse of(ItemView view) {
        return new ItemResponse(view.itemId(), view.name(), view.price(), view.stock());
    }
}

package com.ecommerce.adapter.in.web.stock;


import io.swagger.v3.oas.annotations.media.Schema;
@Schema(name = "Stock", description = "An item's stock after a restock")
record StockResponse(@Schema(example = "1") long itemId, @Schema(example = "15") long stock) {
}

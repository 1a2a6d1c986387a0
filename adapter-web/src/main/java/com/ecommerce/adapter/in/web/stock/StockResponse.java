package com.ecommerce.adapter.in.web.stock;

record StockResponse(long itemId, long stock) {
}

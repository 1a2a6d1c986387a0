package com.ecommerce.application.stock.port.in;

public record StockLevel(long itemId, long stock) {
}

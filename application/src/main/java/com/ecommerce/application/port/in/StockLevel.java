package com.ecommerce.application.port.in;

public record StockLevel(long itemId, long stock) {
}

package com.ecommerce.application.stock.port.in;

public record ItemView(long itemId, String name, long price, long stock) {
}

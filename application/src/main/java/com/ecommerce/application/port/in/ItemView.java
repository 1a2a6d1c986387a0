package com.ecommerce.application.port.in;

public record ItemView(long itemId, String name, long price, long stock) {
}

package com.ecommerce.application.port.in;

public record PointBalance(long userId, long balance) {
}

package com.ecommerce.application.point.port.in;

public record PointBalance(long userId, long balance) {
}

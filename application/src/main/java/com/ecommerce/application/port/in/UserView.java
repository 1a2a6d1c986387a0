package com.ecommerce.application.port.in;

public record UserView(long userId, String name, long balance) {
}

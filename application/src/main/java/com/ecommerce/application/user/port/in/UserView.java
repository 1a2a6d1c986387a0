package com.ecommerce.application.user.port.in;

public record UserView(long userId, String name, long balance) {
}

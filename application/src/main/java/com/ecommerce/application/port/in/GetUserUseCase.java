package com.ecommerce.application.port.in;

public interface GetUserUseCase {

    UserView getUser(long userId);
}

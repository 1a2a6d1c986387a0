package com.ecommerce.application.user.port.in;

public interface GetUserUseCase {

    UserView getUser(long userId);
}

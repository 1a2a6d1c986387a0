package com.ecommerce.application.user.port.in;

public interface RegisterUserUseCase {

    UserView register(RegisterUserCommand command);
}

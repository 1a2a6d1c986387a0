package com.ecommerce.application.port.in;

public interface RegisterUserUseCase {

    UserView register(RegisterUserCommand command);
}

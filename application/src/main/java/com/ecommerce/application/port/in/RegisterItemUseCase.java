package com.ecommerce.application.port.in;

public interface RegisterItemUseCase {

    ItemView register(RegisterItemCommand command);
}

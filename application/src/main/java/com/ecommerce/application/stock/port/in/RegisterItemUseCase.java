package com.ecommerce.application.stock.port.in;

public interface RegisterItemUseCase {

    ItemView register(RegisterItemCommand command);
}

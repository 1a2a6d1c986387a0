package com.ecommerce.application.port.in;

public interface GetItemUseCase {

    ItemView getItem(long itemId);
}

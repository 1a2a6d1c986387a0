package com.ecommerce.application.stock.port.in;

public interface GetItemUseCase {

    ItemView getItem(long itemId);
}

package com.ecommerce.application.port.in;

public interface RestockItemUseCase {

    StockLevel restock(RestockItemCommand command);
}

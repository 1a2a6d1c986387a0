package com.ecommerce.application.stock.port.in;

public interface RestockItemUseCase {

    StockLevel restock(RestockItemCommand command);
}

package com.ecommerce.application.stock.port.in;

import com.ecommerce.domain.user.Actor;
public interface RestockItemUseCase {

    /** Administrators only. */
    StockLevel restock(Actor actor, RestockItemCommand command);
}

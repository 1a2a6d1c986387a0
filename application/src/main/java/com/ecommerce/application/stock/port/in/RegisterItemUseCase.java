package com.ecommerce.application.stock.port.in;

import com.ecommerce.domain.user.Actor;
public interface RegisterItemUseCase {

    /** Administrators only. */
    ItemView register(Actor actor, RegisterItemCommand command);
}

package com.ecommerce.application.user.port.in;

import com.ecommerce.domain.user.Actor;
public interface RegisterUserUseCase {

    /** Administrators only. */
    UserView register(Actor actor, RegisterUserCommand command);
}

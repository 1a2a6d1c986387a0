package com.ecommerce.application.user.port.in;

import com.ecommerce.domain.user.Actor;
public interface GetUserUseCase {

    UserView getUser(Actor actor, long userId);
}

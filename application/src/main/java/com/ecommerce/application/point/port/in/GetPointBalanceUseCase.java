package com.ecommerce.application.point.port.in;

import com.ecommerce.domain.user.Actor;
public interface GetPointBalanceUseCase {

    PointBalance getBalance(Actor actor, long userId);
}

package com.ecommerce.application.point.port.in;

import com.ecommerce.domain.user.Actor;
public interface ChargePointUseCase {

    PointBalance charge(Actor actor, ChargePointCommand command);
}

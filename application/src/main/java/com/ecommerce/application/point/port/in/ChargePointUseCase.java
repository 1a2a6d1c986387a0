package com.ecommerce.application.point.port.in;

public interface ChargePointUseCase {

    PointBalance charge(ChargePointCommand command);
}

package com.ecommerce.application.port.in;

public interface ChargePointUseCase {

    PointBalance charge(ChargePointCommand command);
}

package com.ecommerce.application.point.port.in;

public interface GetPointBalanceUseCase {

    PointBalance getBalance(long userId);
}

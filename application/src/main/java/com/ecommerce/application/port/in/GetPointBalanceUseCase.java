package com.ecommerce.application.port.in;

public interface GetPointBalanceUseCase {

    PointBalance getBalance(long userId);
}

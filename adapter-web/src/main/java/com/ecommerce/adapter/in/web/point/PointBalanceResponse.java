package com.ecommerce.adapter.in.web.point;

import com.ecommerce.application.point.port.in.PointBalance;

record PointBalanceResponse(long userId, long balance) {

    static PointBalanceResponse of(PointBalance balance) {
        return new PointBalanceResponse(balance.userId(), balance.balance());
    }
}

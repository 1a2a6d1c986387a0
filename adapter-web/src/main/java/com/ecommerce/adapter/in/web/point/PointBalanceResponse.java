package com.ecommerce.adapter.in.web.point;

import com.ecommerce.application.point.port.in.PointBalance;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "PointBalance", description = "A user's point balance, in won")
record PointBalanceResponse(@Schema(example = "1") long userId, @Schema(example = "1000") long balance) {

    static PointBalanceResponse of(PointBalance balance) {
        return new PointBalanceResponse(balance.userId(), balance.balance());
    }
}

package com.ecommerce.adapter.in.web.point;

import com.ecommerce.domain.point.PointHistory;

import java.time.Instant;

record PointHistoryResponse(String type, long amount, long balanceAfter, Long orderId, Instant createdAt) {

    static PointHistoryResponse of(PointHistory h) {
        return new PointHistoryResponse(h.type().name(), h.amount().value(), h.balanceAfter().value(), h.orderId(),
                h.createdAt());
    }
}

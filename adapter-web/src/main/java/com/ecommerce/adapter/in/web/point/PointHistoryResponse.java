package com.ecommerce.adapter.in.web.point;

import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "PointHistoryEntry", description = "One movement of a balance; the amount is positive, `type` says "
        + "which way it went")
record PointHistoryResponse(PointTransactionType type, @Schema(example = "1000") long amount,
                            @Schema(example = "1000") long balanceAfter,
                            @Schema(types = {"integer", "null"}, format = "int64", description = "The order that "
                                    + "used the points; null for a charge") Long orderId,
                            @Schema(types = {"string", "null"}, example = "pay_3q2-Xk9ZbVt0aLwE1cYr", description =
                                    "The payment whose approval the charge credits; null for a use and for a direct "
                                            + "charge") String paymentId,
                            Instant createdAt) {

    static PointHistoryResponse of(PointHistory h) {
        return new PointHistoryResponse(h.type(), h.amount().value(), h.balanceAfter().value(), h.orderId(),
                h.paymentId(), h.createdAt());
    }
}

package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.domain.payment.PaymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Every field is sent; those a payment has only at some stages are {@code null} before (like a history's orderId). */
@Schema(name = "Payment", description = "A payment wherever it stands: `READY` until confirmed, `IN_PROGRESS` while "
        + "the gateway is asked, `UNKNOWN` when it did not answer in time (looked up before anything else is tried), "
        + "`DONE` (credited), `DECLINED` or `CANCELED` (approved but not creditable, given back at the gateway)")
record PaymentResponse(@Schema(example = ID_EXAMPLE) String paymentId,
                       @Schema(example = "1") long userId,
                       @Schema(example = "10000", description = "In won") long amount,
                       PaymentStatus status, Instant createdAt,
                       @Schema(types = {"integer", "null"}, format = "int64", example = "11000", description = "The "
                               + "balance right after the credit; null unless `DONE`") Long balance,
                       @Schema(types = {"string", "null"}, format = "date-time", description = "When the gateway "
                               + "approved it; null unless `DONE`") Instant approvedAt,
                       @Schema(types = {"string", "null"}, example = "REJECT_CARD_COMPANY", description = "Why it "
                               + "was not credited: the gateway's code of its refusal (`DECLINED`), or why the "
                               + "approval was given back (`CANCELED`); null otherwise") String pgCode) {

    static final String ID_EXAMPLE = "pay_3q2-Xk9ZbVt0aLwE1cYr";

    static PaymentResponse of(PaymentView payment) {
        return new PaymentResponse(payment.paymentId(), payment.userId(), payment.amount(), payment.status(),
                payment.createdAt(), payment.balance(), payment.approvedAt(), payment.pgCode());
    }
}

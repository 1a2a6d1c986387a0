package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.domain.payment.PaymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "PaymentConfirmed", description = "An approved payment, credited to the balance once whatever the "
        + "repeats")
record PaymentConfirmedResponse(@Schema(example = PaymentResponse.ID_EXAMPLE) String paymentId,
                                @Schema(example = "1") long userId,
                                @Schema(example = "10000", description = "In won") long amount,
                                @Schema(description = "Always `DONE`", allowableValues = "DONE") PaymentStatus status,
                                @Schema(example = "11000", description = "The balance right after the credit")
                                long balance,
                                @Schema(description = "When the payment gateway approved it") Instant approvedAt) {

    /** A confirm answers only a {@code DONE} payment, which always carries its balance and approval time. */
    static PaymentConfirmedResponse of(PaymentView payment) {
        return new PaymentConfirmedResponse(payment.paymentId(), payment.userId(), payment.amount(), payment.status(),
                payment.balance(), payment.approvedAt());
    }
}

package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.domain.payment.PaymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "PaymentCreated", description = "A new payment, `READY` to be paid in the gateway's payment window "
        + "under `paymentId` as the gateway's `orderId`")
record PaymentCreatedResponse(@Schema(example = PaymentResponse.ID_EXAMPLE) String paymentId,
                              @Schema(example = "1") long userId,
                              @Schema(example = "10000", description = "In won") long amount,
                              @Schema(description = "Always `READY`", allowableValues = "READY") PaymentStatus status, Instant createdAt) {

    static PaymentCreatedResponse of(PaymentView payment) {
        return new PaymentCreatedResponse(payment.paymentId(), payment.userId(), payment.amount(), payment.status(),
                payment.createdAt());
    }
}

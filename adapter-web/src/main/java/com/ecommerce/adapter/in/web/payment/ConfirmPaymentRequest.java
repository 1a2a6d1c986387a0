package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ConfirmPaymentRequest(@Schema(example = "tgen_20250601093100abcDE", description = "The key the payment "
                                     + "gateway's payment window gave the buyer")
                             @NotBlank @Size(min = 1, max = Payment.PAYMENT_KEY_MAX) String paymentKey,
                             @Schema(example = "10000", description = "In won; must be the payment's amount")
                             @NotNull @Min(Limits.CHARGE_MIN) @Max(Limits.CHARGE_MAX) Long amount) {
}

package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record CreatePaymentRequest(@Schema(example = "10000", description = "In won, a charge's limits; the balance can "
        + "never pass 100,000,000") @NotNull @Min(Limits.CHARGE_MIN) @Max(Limits.CHARGE_MAX) Long amount) {
}

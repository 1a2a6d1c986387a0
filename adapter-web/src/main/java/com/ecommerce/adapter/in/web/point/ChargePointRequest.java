package com.ecommerce.adapter.in.web.point;

import com.ecommerce.domain.shared.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record ChargePointRequest(@NotNull @Min(Limits.CHARGE_MIN) @Max(Limits.CHARGE_MAX) Long amount) {
}

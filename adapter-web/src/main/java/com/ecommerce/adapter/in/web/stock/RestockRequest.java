package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record RestockRequest(@Schema(example = "5") @NotNull @Min(Limits.RESTOCK_MIN) @Max(Limits.RESTOCK_MAX) Long quantity) {
}

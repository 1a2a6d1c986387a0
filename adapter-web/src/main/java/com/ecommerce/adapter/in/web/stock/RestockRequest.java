package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.domain.shared.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record RestockRequest(@NotNull @Min(Limits.RESTOCK_MIN) @Max(Limits.RESTOCK_MAX) Long quantity) {
}

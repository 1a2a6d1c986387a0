package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.domain.shared.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

record RegisterItemRequest(@NotBlank String name,
                           @NotNull @Min(0) @Max(Limits.PRICE_MAX) Long price,
                           @NotNull @Min(0) @Max(Limits.STOCK_MAX) Long stock) {
}

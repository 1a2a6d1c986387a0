package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

record RegisterItemRequest(@Schema(minLength = 1, maxLength = Limits.NAME_MAX_LENGTH, example = "pen",
        description = "1 to 100 characters after trimming, no control or format characters; stored trimmed") @NotBlank String name,
                           @Schema(example = "1500", description = "In won")
                           @NotNull @Min(0) @Max(Limits.PRICE_MAX) Long price,
                           @Schema(example = "10") @NotNull @Min(0) @Max(Limits.STOCK_MAX) Long stock) {
}

package com.ecommerce.adapter.in.web.order;

import com.ecommerce.domain.shared.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

record PlaceOrderRequest(@NotNull @Positive Long userId,
                         @NotNull @Size(min = Limits.ORDER_LINES_MIN, max = Limits.ORDER_LINES_MAX)
                         List<@NotNull @Valid Line> lines) {

    record Line(@NotNull @Positive Long itemId,
                @NotNull @Min(Limits.ORDER_QUANTITY_MIN) @Max(Limits.ORDER_QUANTITY_MAX) Integer quantity) {
    }
}

package com.ecommerce.adapter.in.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

record PlaceOrderRequest(@NotNull @Positive Long userId,
                         @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines) {

    record Line(@NotNull @Positive Long itemId, @NotNull @Min(1) @Max(1_000) Integer quantity) {
    }
}

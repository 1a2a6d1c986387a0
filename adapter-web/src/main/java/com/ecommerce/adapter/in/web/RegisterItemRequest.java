package com.ecommerce.adapter.in.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

record RegisterItemRequest(@NotBlank String name,
                           @NotNull @Min(0) @Max(100_000_000) Long price,
                           @NotNull @Min(0) @Max(1_000_000) Long stock) {
}

package com.ecommerce.adapter.in.web.order;

import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

record PlaceOrderRequest(@Schema(example = "1", description = "The buyer: the token's user, unless an admin calls")
                         @NotNull @Positive Long userId,
                         @NotNull @Size(min = Limits.ORDER_LINES_MIN, max = Limits.ORDER_LINES_MAX)
                         @Schema(description = "1 to 50 lines; the same itemId twice is 400")
                         List<@NotNull @Valid Line> lines) {

    @Schema(name = "PlaceOrderLine")
    record Line(@Schema(example = "1") @NotNull @Positive Long itemId,
                @Schema(example = "2") @NotNull @Min(Limits.ORDER_QUANTITY_MIN) @Max(Limits.ORDER_QUANTITY_MAX)
                Integer quantity) {
    }
}

package com.ecommerce.adapter.in.web.user;

import com.ecommerce.domain.shared.Limits;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** Length is checked after trimming, by the command. */
record RegisterUserRequest(@Schema(minLength = 1, maxLength = Limits.NAME_MAX_LENGTH, example = "kim",
        description = "1 to 100 characters after trimming, no control or format characters; stored trimmed") @NotBlank String name) {
}

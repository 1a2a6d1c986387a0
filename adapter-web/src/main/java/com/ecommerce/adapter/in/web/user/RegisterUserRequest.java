package com.ecommerce.adapter.in.web.user;

import jakarta.validation.constraints.NotBlank;

/** Length is checked after trimming, by the command. */
record RegisterUserRequest(@NotBlank String name) {
}

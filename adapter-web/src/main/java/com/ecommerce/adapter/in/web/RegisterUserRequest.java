package com.ecommerce.adapter.in.web;

import jakarta.validation.constraints.NotBlank;

/** Length is checked after trimming, by the command. */
record RegisterUserRequest(@NotBlank String name) {
}

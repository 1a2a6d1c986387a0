package com.ecommerce.adapter.in.web.shared;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/** The absolute URL that a {@code 201 Created} answer names in its {@code Location} header. */
public final class Locations {

    private Locations() {
    }

    /** {@code ids} fill the template's variables in order. */
    public static URI of(String pathTemplate, Object... ids) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(pathTemplate).buildAndExpand(ids).toUri();
    }
}

package com.ecommerce.adapter.in.web;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

final class Locations {

    private Locations() {
    }

    static URI of(String pathTemplate, Object id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(pathTemplate).buildAndExpand(id).toUri();
    }
}

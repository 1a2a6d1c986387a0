package com.ecommerce.adapter.in.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents who may call a controller method, for the OpenAPI document (its security requirement and
 * {@code x-callable-by}). It enforces nothing: the filter chain requires the token, the use cases decide the rest;
 * the tests hold the three together.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CallableBy {
    Access value();
}

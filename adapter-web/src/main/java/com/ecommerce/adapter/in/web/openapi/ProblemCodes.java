package com.ecommerce.adapter.in.web.openapi;

import com.ecommerce.domain.shared.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The business outcomes a controller method may answer besides those every operation of its kind answers: the
 * {@code 404}s, {@code 409}s and {@code 503}s its use case can raise. The OpenAPI document derives the rest from the
 * operation itself ({@code 400} always, {@code 401} always, {@code 403} from {@code @CallableBy}, {@code 413} and
 * {@code 415} from a request body, {@code 422} from an {@code Idempotency-Key}). Like {@code @CallableBy} it enforces
 * nothing; the bootstrap tests call the operations and hold the document to what they answer.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemCodes {
    ErrorCode[] value();
}

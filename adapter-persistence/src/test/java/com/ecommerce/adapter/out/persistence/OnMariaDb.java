package com.ecommerce.adapter.out.persistence;

import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A store contract test on the JPA adapters and the real database of the integration tests, named by the
 * environment as {@link MariaDbContractDatabase} reads it. Without that database the test fails; it is never
 * skipped. Only {@code *IT} classes carry it, so that it runs in failsafe.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JpaStoreContract
@ContextConfiguration(initializers = MariaDbContractDatabase.class)
public @interface OnMariaDb {
}

package com.ecommerce.adapter.out.persistence;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A store contract test on the JPA adapters and H2 in MySQL mode, the database bootstrap runs on by default. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JpaStoreContract
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:contract;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
public @interface OnH2 {
}

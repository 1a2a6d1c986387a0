package com.ecommerce.bootstrap.config;

import org.springframework.core.env.Environment;

import java.util.Arrays;

/**
 * Whether this instance runs on the embedded default: the in-memory H2 database of {@code application.yml}, which
 * starts empty and dies with the process. Only there does the service make a random token key and log demo tokens,
 * load demo data, stand in a payment simulator and let users charge themselves by default. Decided from the
 * datasource, not from a profile's name alone: an instance pointed at a real database by its URL but started
 * without the {@code mysql}/{@code mariadb} profile is not a demo, and must not load demo users into that database or
 * accept tokens that anyone reading its log can copy. A database profile is never embedded either.
 */
public final class EmbeddedDatabase {

    static final String URL = "spring.datasource.url";
    private static final String IN_MEMORY_H2 = "jdbc:h2:mem:";

    private EmbeddedDatabase() {
    }

    public static boolean in(Environment environment) {
        if (Arrays.stream(environment.getActiveProfiles()).anyMatch(TokenSourceGuard.DATABASE_PROFILES::contains)) {
            return false;
        }
        String url = environment.getProperty(URL);
        // unset, Spring Boot itself makes an embedded in-memory database
        return url == null || url.isBlank() || url.strip().startsWith(IN_MEMORY_H2);
    }
}

package com.ecommerce.bootstrap.support;

import org.testcontainers.DockerClientFactory;

/**
 * Decides which real database the integration tests use, once per JVM:
 * <ol>
 *   <li>the one named by {@code ECOMMERCE_IT_DB_URL} (with {@code ECOMMERCE_IT_DB_USERNAME},
 *       {@code ECOMMERCE_IT_DB_PASSWORD} and {@code ECOMMERCE_IT_DB_PROFILE}, {@code mariadb} or {@code mysql});
 *       {@code .ci/run} sets these for the local MariaDB;</li>
 *   <li>otherwise, where Docker runs, a Testcontainers MySQL 8.4 (profile {@code mysql});</li>
 *   <li>otherwise the tests fail, saying how to provide one. They are never skipped.</li>
 * </ol>
 */
public final class TestDatabase {

    public enum Source { ENVIRONMENT, TESTCONTAINERS }

    public static final String URL = "ECOMMERCE_IT_DB_URL";
    public static final String USERNAME = "ECOMMERCE_IT_DB_USERNAME";
    public static final String PASSWORD = "ECOMMERCE_IT_DB_PASSWORD";
    public static final String PROFILE = "ECOMMERCE_IT_DB_PROFILE";

    private static Source source;

    private TestDatabase() {
    }

    public static synchronized Source source() {
        if (source == null) {
            source = decide();
        }
        return source;
    }

    private static Source decide() {
        if (System.getenv(URL) != null && !System.getenv(URL).isBlank()) {
            return Source.ENVIRONMENT;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return Source.TESTCONTAINERS;
        }
        throw new IllegalStateException("""
                The integration tests need a real MySQL 8 or MariaDB 10.11+ and found none.
                Either set ECOMMERCE_IT_DB_URL (for example jdbc:mysql://127.0.0.1:3306/orders_it?createDatabaseIfNotExist=true),
                ECOMMERCE_IT_DB_USERNAME, ECOMMERCE_IT_DB_PASSWORD and ECOMMERCE_IT_DB_PROFILE (mariadb or mysql),
                as `bash .ci/run` does, or run them where Docker is available (Testcontainers starts MySQL 8.4).""");
    }

    public static String profile() {
        if (source() == Source.TESTCONTAINERS) {
            return "mysql";
        }
        String profile = System.getenv().getOrDefault(PROFILE, "mariadb");
        if (!profile.equals("mariadb") && !profile.equals("mysql")) {
            throw new IllegalStateException(PROFILE + " must be mariadb or mysql, not " + profile);
        }
        return profile;
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

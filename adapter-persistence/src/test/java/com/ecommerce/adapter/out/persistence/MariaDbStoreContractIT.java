package com.ecommerce.adapter.out.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store contract on the JPA adapters and the real database of the integration tests: the one named by
 * {@code ECOMMERCE_IT_DB_URL}, {@code ECOMMERCE_IT_DB_USERNAME} and {@code ECOMMERCE_IT_DB_PASSWORD}, as for
 * bootstrap's ITs ({@code bash .ci/run} sets them for the local MariaDB). Without them this test fails; it is never
 * skipped.
 *
 * <p>It keeps to a database of its own on that server, {@value #DEFAULT_DATABASE} or the one named by
 * {@code ECOMMERCE_IT_CONTRACT_DATABASE} (created if missing, never cleaned: the contract's tests make their own
 * rows), so that it neither disturbs nor depends on the other ITs; checkouts tested at once on one server (whose
 * migrations may differ) name one each. The Hibernate
 * dialect and the connector settings are those of bootstrap's {@code application-mariadb.yml}; with
 * {@code ECOMMERCE_IT_DB_PROFILE=mysql} the dialect is {@code application-mysql.yml}'s.
 */
class MariaDbStoreContractIT extends JpaStoreContractTest {

    static final String URL = "ECOMMERCE_IT_DB_URL";
    static final String USERNAME = "ECOMMERCE_IT_DB_USERNAME";
    static final String PASSWORD = "ECOMMERCE_IT_DB_PASSWORD";
    static final String PROFILE = "ECOMMERCE_IT_DB_PROFILE";
    static final String DATABASE_VARIABLE = "ECOMMERCE_IT_CONTRACT_DATABASE";
    static final String DEFAULT_DATABASE = "orders_contract";

    /** {@code jdbc:mysql://host[:port][/database][?parameters]} */
    private static final Pattern MYSQL_URL = Pattern.compile("(jdbc:(?:mysql|mariadb)://[^/?]+)(?:/[^?]*)?(?:\\?(.*))?");

    @BeforeAll
    static void requireTheDatabase() {
        databaseUrl();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", MariaDbStoreContractIT::databaseUrl);
        registry.add("spring.datasource.username", () -> env(USERNAME, "root"));
        registry.add("spring.datasource.password", () -> env(PASSWORD, ""));
        registry.add("spring.jpa.properties.hibernate.dialect", () -> switch (env(PROFILE, "mariadb")) {
            case "mariadb" -> "org.hibernate.dialect.MariaDBDialect";
            case "mysql" -> "org.hibernate.dialect.MySQLDialect";
            default -> throw new IllegalStateException(PROFILE + " must be mariadb or mysql, not " + env(PROFILE, ""));
        });
        String connector = "spring.datasource.hikari.data-source-properties.";
        registry.add(connector + "useLocalSessionState", () -> "true");
        registry.add(connector + "readOnlyPropagatesToServer", () -> "false");
        registry.add(connector + "rewriteBatchedStatements", () -> "true");
        registry.add(connector + "cachePrepStmts", () -> "true");
        registry.add(connector + "prepStmtCacheSize", () -> "250");
        registry.add(connector + "prepStmtCacheSqlLimit", () -> "2048");
        registry.add(connector + "cacheServerConfiguration", () -> "true");
        registry.add(connector + "cacheResultSetMetadata", () -> "true");
        registry.add(connector + "maintainTimeStats", () -> "false");
    }

    /** {@code ECOMMERCE_IT_DB_URL} with its database replaced by the contract's own, created if missing. */
    static String databaseUrl() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("""
                    MariaDbStoreContractIT needs a real MariaDB 10.11+ (or MySQL 8) and found none: set
                    ECOMMERCE_IT_DB_URL (for example jdbc:mysql://127.0.0.1:3306/orders_it?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true),
                    ECOMMERCE_IT_DB_USERNAME and ECOMMERCE_IT_DB_PASSWORD, as `bash .ci/run` does. The test uses its own
                    database, %s, on that server.""".formatted(database()));
        }
        return withDatabase(url.strip(), database());
    }

    static String withDatabase(String url, String database) {
        Matcher m = MYSQL_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(URL + " must look like jdbc:mysql://host:port/database?parameters, not " + url);
        }
        String parameters = m.group(2) == null ? "" : m.group(2);
        if (!parameters.contains("createDatabaseIfNotExist=")) {
            parameters = parameters.isEmpty() ? "createDatabaseIfNotExist=true" : parameters + "&createDatabaseIfNotExist=true";
        }
        return m.group(1) + "/" + database + "?" + parameters;
    }

    static String database() {
        String database = env(DATABASE_VARIABLE, "").strip();
        if (database.isEmpty()) {
            return DEFAULT_DATABASE;
        }
        if (!database.matches("\\w{1,64}")) {
            throw new IllegalStateException(DATABASE_VARIABLE + " must be a plain database name, not " + database);
        }
        return database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

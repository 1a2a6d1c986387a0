package com.ecommerce.adapter.out.persistence;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database of the {@link OnMariaDb} contract tests: the server named by {@code ECOMMERCE_IT_DB_URL},
 * {@code ECOMMERCE_IT_DB_USERNAME} and {@code ECOMMERCE_IT_DB_PASSWORD}, as for bootstrap's ITs
 * ({@code bash .ci/run} sets them for the local MariaDB).
 *
 * <p>It keeps to a database of its own on that server, {@value #DEFAULT_DATABASE} or the one named by
 * {@code ECOMMERCE_IT_CONTRACT_DATABASE} (created if missing, never cleaned: the contract's tests make their own
 * rows), so that it neither disturbs nor depends on the other ITs; checkouts tested at once on one server (whose
 * migrations may differ) name one each. The Hibernate dialect and the connector settings are those of bootstrap's
 * {@code application-mariadb.yml}; with {@code ECOMMERCE_IT_DB_PROFILE=mysql} the dialect is
 * {@code application-mysql.yml}'s.
 *
 * <p>An initializer rather than a {@code @DynamicPropertySource}: the contract tests of every port share it through
 * {@link OnMariaDb}, and with it one cached context, where such a method would have to be declared by each class.
 */
public class MariaDbContractDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String URL = "ECOMMERCE_IT_DB_URL";
    private static final String USERNAME = "ECOMMERCE_IT_DB_USERNAME";
    private static final String PASSWORD = "ECOMMERCE_IT_DB_PASSWORD";
    private static final String PROFILE = "ECOMMERCE_IT_DB_PROFILE";
    private static final String DATABASE_VARIABLE = "ECOMMERCE_IT_CONTRACT_DATABASE";
    private static final String DEFAULT_DATABASE = "orders_contract";

    /** {@code jdbc:mysql://host[:port][/database][?parameters]} */
    private static final Pattern MYSQL_URL = Pattern.compile("(jdbc:(?:mysql|mariadb)://[^/?]+)(?:/[^?]*)?(?:\\?(.*))?");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl());
        properties.put("spring.datasource.username", env(USERNAME, "root"));
        properties.put("spring.datasource.password", env(PASSWORD, ""));
        properties.put("spring.jpa.properties.hibernate.dialect", switch (env(PROFILE, "mariadb")) {
            case "mariadb" -> "org.hibernate.dialect.MariaDBDialect";
            case "mysql" -> "org.hibernate.dialect.MySQLDialect";
            default -> throw new IllegalStateException(PROFILE + " must be mariadb or mysql, not " + env(PROFILE, ""));
        });
        String connector = "spring.datasource.hikari.data-source-properties.";
        properties.put(connector + "useLocalSessionState", "true");
        properties.put(connector + "readOnlyPropagatesToServer", "false");
        properties.put(connector + "rewriteBatchedStatements", "true");
        properties.put(connector + "cachePrepStmts", "true");
        properties.put(connector + "prepStmtCacheSize", "250");
        properties.put(connector + "prepStmtCacheSqlLimit", "2048");
        properties.put(connector + "cacheServerConfiguration", "true");
        properties.put(connector + "cacheResultSetMetadata", "true");
        properties.put(connector + "maintainTimeStats", "false");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("contractDatabase", properties));
    }

    /** {@code ECOMMERCE_IT_DB_URL} with its database replaced by the contract's own, created if missing. */
    private static String databaseUrl() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("""
                    The MariaDB store contract tests need a real MariaDB 10.11+ (or MySQL 8) and found none: set
                    ECOMMERCE_IT_DB_URL (for example jdbc:mysql://127.0.0.1:3306/orders_it?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true),
                    ECOMMERCE_IT_DB_USERNAME and ECOMMERCE_IT_DB_PASSWORD, as `bash .ci/run` does. The tests use their own
                    database, %s, on that server.""".formatted(database()));
        }
        return withDatabase(url.strip(), database());
    }

    private static String withDatabase(String url, String database) {
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

    private static String database() {
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

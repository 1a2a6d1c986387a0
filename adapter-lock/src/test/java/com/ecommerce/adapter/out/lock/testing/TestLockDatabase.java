package com.ecommerce.adapter.out.lock.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database of the {@code lock-jdbc} tests: the server named by {@code ECOMMERCE_IT_DB_URL},
 * {@code ECOMMERCE_IT_DB_USERNAME} and {@code ECOMMERCE_IT_DB_PASSWORD}, as for bootstrap's ITs ({@code .ci/run}
 * sets them for the local MariaDB), in a database of its own on it (the URL's database with {@code _locks} appended,
 * created if missing), so that bootstrap's tests, which wipe their schema, neither disturb it nor are disturbed. The
 * lock table is created there by the service's own migration ({@code V5__lock_table.sql}) when it is missing.
 */
public final class TestLockDatabase {

    public static final String URL = "ECOMMERCE_IT_DB_URL";
    public static final String USERNAME = "ECOMMERCE_IT_DB_USERNAME";
    public static final String PASSWORD = "ECOMMERCE_IT_DB_PASSWORD";

    /** Relative to this module, where Maven runs its tests. */
    private static final Path MIGRATION =
            Path.of("../adapter-persistence/src/main/resources/db/migration/mysql/V5__lock_table.sql");
    /** {@code jdbc:mysql://host[:port][/database][?parameters]} */
    private static final Pattern MYSQL_URL = Pattern.compile("(jdbc:(?:mysql|mariadb)://[^/?]+)(?:/([^?]*))?(\\?.*)?");

    private static String url;

    private TestLockDatabase() {
    }

    /** The JDBC URL of the lock tests' database, its lock table created. */
    public static synchronized String url() {
        if (url == null) {
            String named = System.getenv(URL);
            if (named == null || named.isBlank()) {
                throw new IllegalStateException("""
                        The lock-jdbc tests need a real MariaDB 10.11+ (or MySQL 8) and found none: set
                        ECOMMERCE_IT_DB_URL (for example jdbc:mysql://127.0.0.1:3306/orders_it?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true),
                        ECOMMERCE_IT_DB_USERNAME and ECOMMERCE_IT_DB_PASSWORD, as `bash .ci/run` does. The tests use a
                        database of their own on that server, the URL's with _locks appended.""");
            }
            url = withLockTable(ownDatabase(named.strip()));
        }
        return url;
    }

    /** A pool as the service's ({@code auto-commit} off, as bootstrap's application.yml has it) on {@code url}. */
    public static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(env(USERNAME, "root"));
        config.setPassword(env(PASSWORD, ""));
        config.setAutoCommit(false);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3_000);
        return new HikariDataSource(config);
    }

    private static String ownDatabase(String named) {
        Matcher m = MYSQL_URL.matcher(named);
        if (!m.matches()) {
            throw new IllegalStateException(URL + " must look like jdbc:mysql://host:port/database?parameters, not "
                    + named);
        }
        String database = (m.group(2) == null || m.group(2).isBlank() ? "orders_it" : m.group(2)) + "_locks";
        String parameters = m.group(3) == null ? "?createDatabaseIfNotExist=true"
                : m.group(3).contains("createDatabaseIfNotExist") ? m.group(3)
                : m.group(3) + "&createDatabaseIfNotExist=true";
        return m.group(1) + "/" + database + parameters;
    }

    private static String withLockTable(String url) {
        try (HikariDataSource dataSource = dataSource(url);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_name = 'INT_LOCK'")) {
                tables.next();
                if (tables.getInt(1) == 0) {
                    statement.execute(Files.readString(MIGRATION));
                }
            }
            connection.commit();
            return url;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not create the lock table in " + url + " from " + MIGRATION, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

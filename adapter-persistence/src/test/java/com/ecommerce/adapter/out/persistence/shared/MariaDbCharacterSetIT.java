package com.ecommerce.adapter.out.persistence.shared;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations on a database whose default character set is latin1 (a server's default that predates utf8mb4):
 * every table ends with utf8mb4 as its default, the name columns are utf8mb4, and a Korean name and an emoji are
 * stored and read back as sent. On the server of the integration tests ({@code ECOMMERCE_IT_DB_URL}), in a database
 * of the test's own, dropped after it.
 */
class MariaDbCharacterSetIT {

    private static final Pattern MYSQL_URL = Pattern.compile("(jdbc:(?:mysql|mariadb)://[^/?]+)(?:/[^?]*)?(?:\\?(.*))?");
    private static final List<String> TABLES = List.of("users", "point_balance", "point_history", "item",
            "item_stock", "orders", "order_line", "idempotency_record", "payment", "INT_LOCK");

    private final String database = "charset_it_" + ThreadLocalRandom.current().nextInt(1_000_000);

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static Matcher server() {
        String url = System.getenv("ECOMMERCE_IT_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("This test needs a real MariaDB 10.11+ (or MySQL 8): set ECOMMERCE_IT_DB_URL,"
                    + " ECOMMERCE_IT_DB_USERNAME and ECOMMERCE_IT_DB_PASSWORD, as `bash .ci/run` does.");
        }
        Matcher m = MYSQL_URL.matcher(url.strip());
        assertThat(m.matches()).as("ECOMMERCE_IT_DB_URL looks like jdbc:mysql://host:port/database?parameters").isTrue();
        return m;
    }

    private static String url(String databaseName) {
        Matcher m = server();
        String parameters = m.group(2) == null ? "" : m.group(2).replace("createDatabaseIfNotExist=true", "");
        return m.group(1) + "/" + databaseName + "?" + parameters;
    }

    private static Connection connect(String databaseName) throws SQLException {
        return DriverManager.getConnection(url(databaseName), env("ECOMMERCE_IT_DB_USERNAME", "root"),
                env("ECOMMERCE_IT_DB_PASSWORD", ""));
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void onALatin1Database_everyTableIsUtf8mb4_andAKoreanNameIsStoredAsSent() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci");
        }
        Flyway.configure().dataSource(url(database), env("ECOMMERCE_IT_DB_USERNAME", "root"),
                        env("ECOMMERCE_IT_DB_PASSWORD", ""))
                .locations("classpath:db/migration/common", "classpath:db/migration/mysql").load().migrate();
        try (Connection c = connect(database)) {
            List<String> notUtf8mb4 = new ArrayList<>();
            try (PreparedStatement tables = c.prepareStatement("SELECT table_name, table_collation FROM "
                    + "information_schema.tables WHERE table_schema = ? AND table_name <> 'flyway_schema_history'")) {
                tables.setString(1, database);
                try (ResultSet rs = tables.executeQuery()) {
                    List<String> seen = new ArrayList<>();
                    while (rs.next()) {
                        seen.add(rs.getString(1).toLowerCase());
                        if (!rs.getString(2).startsWith("utf8mb4")) {
                            notUtf8mb4.add(rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                    assertThat(seen).containsExactlyInAnyOrderElementsOf(
                            TABLES.stream().map(String::toLowerCase).toList());
                }
            }
            assertThat(notUtf8mb4).as("tables whose default character set is not utf8mb4").isEmpty();

            String name = "김철수 🙂";
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (name, created_at, version) VALUES (?, NOW(6), 0)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO item (name, price, created_at, version) VALUES (?, 1, NOW(6), 0)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet users = s.executeQuery("SELECT name FROM users UNION ALL SELECT name FROM item")) {
                List<String> names = new ArrayList<>();
                while (users.next()) {
                    names.add(users.getString(1));
                }
                assertThat(names).containsExactly(name, name);
            }
        }
    }
}

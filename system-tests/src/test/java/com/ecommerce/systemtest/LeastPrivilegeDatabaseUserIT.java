package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeApp;
import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.Database;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.SystemEnv;
import com.ecommerce.systemtest.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own database user of {@code docker/compose.yaml}, with exactly the grants of
 * {@code docker/mysql/orders-grants.sql} (read from the file, never a copy): a user is created on this machine's
 * database as the mysql image creates {@code MYSQL_USER} (every privilege on a fresh schema), the file's statements
 * are run with that schema and user in place of {@code orders}, and the packaged jar, configured as a compose
 * instance, starts as that user: Flyway's migrations, then a buyer's flow with {@code lock-jdbc} (the lock table's
 * rows) and with {@code lock-db} ({@code SELECT ... FOR UPDATE}). A grant taken out of the file fails it: without
 * INDEX or ALTER the migrations, without UPDATE or DELETE the flows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeastPrivilegeDatabaseUserIT {

    static final String SCHEMA = "orders_least_privilege";
    static final String USER = "orders_lp";
    static final String PASSWORD = "lp-" + UUID.randomUUID();
    static final Pattern GRANT = Pattern.compile("(?m)^GRANT ([A-Z, ]+) ON `([^`]+)`\\.\\* TO ('[^']+'@'[^']+');");

    String composeUser;
    String composeSchema;
    Set<String> filePrivileges;

    @BeforeAll
    void createTheUserAsTheMysqlImageDoes_thenRunTheGrantsFile() throws IOException, SQLException {
        Map<String, String> env = ComposeFile.read().environment("app-1");
        composeUser = "'" + env.get("SPRING_DATASOURCE_USERNAME") + "'@'%'";
        composeSchema = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getPath().substring(1);
        String grants = Files.readString(DeploymentFiles.grants());
        Matcher grant = GRANT.matcher(grants);
        assertThat(grant.find()).as("a GRANT in " + DeploymentFiles.grants()).isTrue();
        assertThat(grant.group(2)).isEqualTo(composeSchema);
        assertThat(grant.group(3)).isEqualTo(composeUser);
        filePrivileges = privileges(grant.group(1));

        try (Connection c = Database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            s.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4");
            s.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            // what the mysql image does for MYSQL_USER before it runs /docker-entrypoint-initdb.d
            s.execute("GRANT ALL ON `" + SCHEMA + "`.* TO '" + USER + "'@'%'");
            for (String statement : statements(grants)) {
                s.execute(statement.replace("`" + composeSchema + "`", "`" + SCHEMA + "`")
                        .replace(composeUser, "'" + USER + "'@'%'"));
            }
        }
    }

    @AfterAll
    void dropTheUserAndTheSchema() throws SQLException {
        try (Connection c = Database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
        }
    }

    /** The file's statements, comments dropped. */
    static List<String> statements(String sql) {
        String code = Arrays.stream(sql.split("\n")).filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Set<String> privileges(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(1)
    void theUser_hasExactlyTheFilesPrivileges_onItsSchemaOnly() throws SQLException {
        List<String> shown = new ArrayList<>();
        try (Connection c = Database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + USER + "'@'%'")) {
            while (rs.next()) {
                shown.add(rs.getString(1));
            }
        }
        assertThat(shown).hasSize(2);
        assertThat(shown).anySatisfy(g -> assertThat(g).startsWith("GRANT USAGE ON *.* TO"));
        String onSchema = shown.stream().filter(g -> g.contains("`" + SCHEMA + "`")).findFirst().orElseThrow();
        assertThat(privileges(onSchema.substring("GRANT ".length(), onSchema.indexOf(" ON "))))
                .isEqualTo(filePrivileges).doesNotContain("ALL PRIVILEGES", "DROP");
    }

    @Test
    @Order(2)
    void migrationsAndAFlowWithLockJdbc_runAsThatUser() {
        runTheFlowAs("lock-jdbc");
        assertThat(Database.number("select count(*) from " + SCHEMA + ".flyway_schema_history where success = 1"))
                .as("every migration applied by the user").isGreaterThanOrEqualTo(6);
    }

    @Test
    @Order(3)
    void aFlowWithLockDb_runsAsThatUser() {
        runTheFlowAs("lock-db");
    }

    /**
     * An instance of the compose file's environment with the database swapped for the test's schema and user: an
     * administrator registers a buyer and an item and credits the buyer (a keyed request, so an idempotency record is
     * written), the buyer orders twice and lists the orders.
     */
    void runTheFlowAs(String lockProfile) {
        Map<String, String> env = new java.util.LinkedHashMap<>(ComposeApp.environment(lockProfile));
        String composeUrl = ComposeFile.read().environment("app-1").get("SPRING_DATASOURCE_URL");
        URI system = URI.create(SystemEnv.dbUrl().substring("jdbc:".length()));
        env.put("SPRING_DATASOURCE_URL", "jdbc:mysql://" + system.getAuthority() + "/" + SCHEMA + "?"
                + URI.create(composeUrl.substring("jdbc:".length())).getQuery());
        env.put("SPRING_DATASOURCE_USERNAME", USER);
        env.put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
        ServiceInstance instance = ServiceInstance.startWithEnvironment("least-privilege-" + lockProfile, env);
        try {
            instance.awaitReady(Duration.ofSeconds(150));
            long user = created(Http.post(instance, "/api/v1/users", "{\"name\":\"buyer\"}"), "userId");
            long item = created(Http.post(instance, "/api/v1/items", "{\"name\":\"pen\",\"price\":1500,\"stock\":20}"),
                    "itemId");
            Http.expect(Http.post(instance, "/api/v1/users/" + user + "/points/charge", "{\"amount\":10000}",
                    "Idempotency-Key", "credit-" + lockProfile), 200);
            Http.expect(Http.order(instance, user, item, 2), 201);
            Http.expect(Http.order(instance, user, item, 1), 201);
            Http.Response orders = Http.get(instance, "/api/v1/users/" + user + "/orders",
                    Tokens.bearer(Tokens.user(user)));
            Http.expect(orders, 200);
            assertThat(orders.json().path("totalElements").asLong()).isEqualTo(2);
            assertThat(Database.number("select balance from " + SCHEMA + ".point_balance where user_id = ?", user))
                    .isEqualTo(10_000 - 3 * 1_500);
        } finally {
            instance.stop();
        }
    }

    static long created(Http.Response response, String field) {
        Http.expect(response, 201);
        return response.json().path(field).asLong();
    }
}

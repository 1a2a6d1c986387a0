package com.ecommerce.bootstrap.support;

import com.ecommerce.adapter.in.web.testing.TestTokens;
import com.ecommerce.domain.user.Actor;
import com.ecommerce.bootstrap.OrderServiceApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port against the real database chosen by
 * {@link TestDatabase}, driven over HTTP by {@link Api}, checked in the database with {@link JdbcTemplate}.
 */
@SpringBootTest(classes = OrderServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.clean-disabled=false", "ecommerce.demo-data=false",
                "ecommerce.security.jwt.secret=" + TestTokens.SECRET,
                // the races of a user charging their own balance are under test: on, as a shop may set it
                "ecommerce.points.self-charge=true",
                // the races send a hundred requests of one user at once; CallerLimitsIT turns the limits on
                "ecommerce.limits.enabled=false",
                "spring.datasource.hikari.maximum-pool-size=16", "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.hikari.idle-timeout=10000",
                // the in-process ZooKeeper servers log every dropped connection with a stack trace
                "logging.level.org.apache.zookeeper=error", "logging.level.org.apache.curator=error"})
@ActiveProfiles(resolver = DatabaseProfileResolver.class)
@Import(IntegrationTestConfiguration.class)
@ContextConfiguration(initializers = LockServices.class)
public abstract class IntegrationTest {

    /** The actor of use cases called in-process, where locking is under test, not who may act. */
    public static final Actor ADMIN = Actor.admin(TestTokens.ADMIN_SUB);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (TestDatabase.source() == TestDatabase.Source.ENVIRONMENT) {
            registry.add("spring.datasource.url", () -> System.getenv(TestDatabase.URL));
            registry.add("spring.datasource.username", () -> TestDatabase.env(TestDatabase.USERNAME, "root"));
            registry.add("spring.datasource.password", () -> TestDatabase.env(TestDatabase.PASSWORD, ""));
        }
    }

    @BeforeEach
    void connectApi() {
        api = new Api("http://127.0.0.1:" + port);
    }

    protected DbSnapshot snapshot() {
        return DbSnapshot.take(jdbc);
    }
}

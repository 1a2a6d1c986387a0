package com.ecommerce.bootstrap.support;

import com.ecommerce.bootstrap.OrderServiceApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port against the real database chosen by
 * {@link TestDatabase}, driven over HTTP by {@link Api}, checked in the database with {@link JdbcTemplate}.
 */
@SpringBootTest(classes = OrderServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.clean-disabled=false", "ecommerce.demo-data=false",
                "spring.datasource.hikari.maximum-pool-size=16", "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.hikari.idle-timeout=10000",
                // the in-process ZooKeeper servers log every dropped connection with a stack trace
                "logging.level.org.apache.zookeeper=error", "logging.level.org.apache.curator=error"})
@ActiveProfiles(resolver = DatabaseProfileResolver.class)
@Import(IntegrationTestConfiguration.class)
public abstract class IntegrationTest {

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
        // read only by the Redis and ZooKeeper lock configurations, so only their contexts start or look for them
        registry.add("spring.data.redis.host", () -> TestRedis.single().split(":")[0]);
        registry.add("spring.data.redis.port", () -> TestRedis.single().split(":")[1]);
        registry.add("ecommerce.lock.redis.addresses", TestRedis::redlockAddresses);
        registry.add("ecommerce.lock.zookeeper.connect-string", TestZooKeeper::connectString);
    }

    @BeforeEach
    void connectApi() {
        api = new Api("http://127.0.0.1:" + port);
    }

    protected DbSnapshot snapshot() {
        return DbSnapshot.take(jdbc);
    }
}

package com.ecommerce.adapter.out.lock.support;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every lock setting binds from {@code ecommerce.lock.*}, with its default, and a bad value names its property. */
class LockPropertiesTest {

    private static LockProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ecommerce.lock", LockProperties.class);
    }

    @Test
    void withNothingConfigured_everySettingHasItsDefault() {
        LockProperties properties = bind(Map.of());

        assertThat(properties.waitTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.leaseTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.localQueue()).isTrue();
        assertThat(properties.redis().address()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(properties.redis().addresses()).isEmpty();
        assertThat(properties.optimistic().maxAttempts()).isEqualTo(10);
        assertThat(properties.zookeeper().connectString()).isEqualTo("127.0.0.1:2181");
    }

    @Test
    void theServersOfEveryStrategyAreLockSettingsToo() {
        LockProperties properties = bind(Map.of(
                "ecommerce.lock.redis.host", "redis.internal", "ecommerce.lock.redis.port", "6390",
                "ecommerce.lock.redis.addresses", "redis://a:1, redis://b:2 ,redis://c:3",
                "ecommerce.lock.zookeeper.connect-string", "zk1:2181,zk2:2181"));

        assertThat(properties.redis().address()).isEqualTo("redis://redis.internal:6390");
        assertThat(properties.redis().redlockMasters()).containsExactly("redis://a:1", "redis://b:2", "redis://c:3");
        assertThat(properties.zookeeper().connectString()).isEqualTo("zk1:2181,zk2:2181");
    }

    @Test
    void redisCredentialsAndTls_bindForBothStrategies_andThePasswordIsNeverPrinted() {
        LockProperties none = bind(Map.of("ecommerce.lock.redis.password", " "));
        assertThat(none.redis().password()).as("blank is no password").isNull();
        assertThat(none.redis().ssl()).isFalse();

        LockProperties properties = bind(Map.of("ecommerce.lock.redis.password", "s3cret-pass",
                "ecommerce.lock.redis.ssl", "true", "ecommerce.lock.redis.host", "redis.internal",
                "ecommerce.lock.redis.addresses", "rediss://a:6379,rediss://b:6379,redis://c:6379"));

        assertThat(properties.redis().password()).isEqualTo("s3cret-pass");
        assertThat(properties.redis().address()).as("lock-redis over TLS").isEqualTo("rediss://redis.internal:6379");
        assertThat(properties.redis().redlockMasters()).as("TLS per master, by its scheme")
                .containsExactly("rediss://a:6379", "rediss://b:6379", "redis://c:6379");
        assertThat(properties.redis().toString()).doesNotContain("s3cret-pass").contains("password=set");
        assertThat(properties.redis().withPassword(null).password()).isNull();
    }

    @Test
    void zooKeeperAuth_isUserColonPassword_andThePasswordIsNeverPrinted() {
        assertThat(bind(Map.of()).zookeeper().auth()).isNull();
        LockProperties properties = bind(Map.of("ecommerce.lock.zookeeper.auth", "orders:zk-s3cret"));
        assertThat(properties.zookeeper().auth()).isEqualTo("orders:zk-s3cret");
        assertThat(properties.zookeeper().toString()).contains("auth=orders:***").doesNotContain("zk-s3cret");
        for (String bad : List.of("orders", ":pass", "orders:")) {
            assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.zookeeper.auth", bad))).as(bad)
                    .hasRootCauseMessage("ecommerce.lock.zookeeper.auth must be user:password");
        }
    }

    @Test
    void aRedisAddressWithoutARedisScheme_isRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.redis.addresses", "a:6379,redis://b:1,redis://c:1")))
                .hasRootCauseMessage("ecommerce.lock.redis.addresses must be redis://host:port or rediss://host:port "
                        + "(TLS), got a:6379");
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.redis.addresses", "http://a:1,redis://b:1,redis://c:1")))
                .hasRootCauseMessage("ecommerce.lock.redis.addresses must be redis://host:port or rediss://host:port "
                        + "(TLS), got http://a:1");
    }

    @Test
    void aWaitOfZero_isRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.wait-timeout", "0s")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("ecommerce.lock.wait-timeout must be a positive duration, got PT0S");
    }

    @Test
    void badClientSettings_areRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.redis.port", "70000")))
                .hasRootCauseMessage("ecommerce.lock.redis.port must be 1 to 65535, got 70000");
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.optimistic.max-attempts", "0")))
                .hasRootCauseMessage("ecommerce.lock.optimistic.max-attempts must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.optimistic.max-backoff", "1ms")))
                .hasRootCauseMessage("ecommerce.lock.optimistic.max-backoff must not be shorter than initial-backoff");
        assertThatThrownBy(() -> bind(Map.of("ecommerce.lock.zookeeper.connect-string", " ")))
                .hasRootCauseMessage("ecommerce.lock.zookeeper.connect-string must name the ensemble");
    }

    @Test
    void redlockNeedsThreeMasters_andSaysHowToGiveThem() {
        LockProperties properties = bind(Map.of("ecommerce.lock.redis.addresses", "redis://a:1,redis://b:2"));

        assertThatThrownBy(() -> properties.redis().redlockMasters())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ecommerce.lock.redis.addresses with at least 3");
    }

    @Test
    void everyStrategyIsNamedByItsProfile() {
        assertThat(LockStrategyName.profiles()).containsExactly("lock-jvm", "lock-db", "lock-redis", "lock-redlock",
                "lock-optimistic", "lock-zookeeper", "lock-jdbc", "lock-hazelcast", "lock-etcd");
        assertThat(List.of(LockStrategyName.values())).allSatisfy(strategy -> {
            assertThat(strategy.profile()).isEqualTo("lock-" + strategy.id());
            assertThat(LockStrategyName.ofProfile(strategy.profile())).contains(strategy);
        });
        assertThat(LockStrategyName.ofProfile("lock-mutex")).isEmpty();
    }
}

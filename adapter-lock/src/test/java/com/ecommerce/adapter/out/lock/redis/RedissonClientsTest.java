package com.ecommerce.adapter.out.lock.redis;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the client factory accepts and how it reads Redis's refusals, without a server. */
class RedissonClientsTest {

    static final LockProperties.Redis TUNING = new LockProperties.Redis("127.0.0.1", 6379, List.of(),
            Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ofMillis(100), "pass", true);

    @Test
    void aTlsAddress_makesAClient_whichConnectsOnlyWhenUsed() {
        RedissonClient client = RedissonClients.create(TUNING.address(), TUNING);
        try {
            assertThat(TUNING.address()).startsWith("rediss://");
            assertThat(client.isShutdown()).isFalse();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void credentialsRefusal_findsRedisReplyAmongTheCauses_andNothingElse() {
        RedisException wrong = new RedisConnectionException("Unable to connect to Redis server: 127.0.0.1/127.0.0.1:1",
                new RedisException("WRONGPASS invalid username-password pair or user is disabled.. channel: [id: 1]"));
        assertThat(RedissonClients.credentialsRefusal(wrong))
                .isEqualTo("WRONGPASS invalid username-password pair or user is disabled.");
        assertThat(RedissonClients.credentialsRefusal(new RedisAuthRequiredException("NOAUTH Authentication required.")))
                .isEqualTo("NOAUTH Authentication required.");
        assertThat(RedissonClients.credentialsRefusal(new RedisConnectionException("Connection refused"))).isNull();
    }
}

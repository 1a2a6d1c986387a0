package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.support.LockMetrics;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.adapter.out.lock.testing.TestZooKeeper;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.lock.LockKeys;
import com.ecommerce.domain.lock.LockTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ecommerce.lock.zookeeper.auth} on the tests' ZooKeeper ({@link TestZooKeeper}): the lock znodes carry the
 * digest identity's ACL only, so a client of the same ensemble without it can neither delete nor change a held lock
 * (nor read it, nor create a key's node beside it), while instances that share the setting still exclude each other. Without the setting, the same
 * client deletes the lock, which is what the option is for.
 */
class ZooKeeperAclIT {

    static final String AUTH = "orders:zk-secret";

    private final List<CuratorFramework> clients = new ArrayList<>();
    private final String basePath = "/acl-it-" + UUID.randomUUID();

    @AfterEach
    void close() {
        clients.forEach(CuratorFramework::close);
    }

    private CuratorFramework client(String auth) {
        CuratorFramework client = ZooKeeperClients.start(new LockProperties.ZooKeeper(TestZooKeeper.connectString(),
                Duration.ofSeconds(10), Duration.ofSeconds(3), basePath, auth));
        clients.add(client);
        return client;
    }

    private ZooKeeperLockAdapter adapter(CuratorFramework client) {
        return new ZooKeeperLockAdapter(client, basePath, new LockMetrics(new SimpleMeterRegistry(), "zookeeper"));
    }

    /** The work under the lock, whose ZooKeeper calls throw checked exceptions. */
    interface Work<T> {
        T run() throws Exception;
    }

    private static <T> Supplier<T> work(Work<T> work) {
        return () -> {
            try {
                return work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static LockKeys key() {
        return LockKeys.of(List.of(LockKey.point(42)));
    }

    /** The holder's node of the key, seen by the holder. */
    private String holderNode(CuratorFramework holder) throws Exception {
        String node = basePath + "/held/" + key().asList().getFirst().asString();
        assertThat(holder.checkExists().forPath(node)).as("the holder's node").isNotNull();
        return node;
    }

    @Test
    void withAuth_theLockNodesAreTheIdentitysOnly_andAClientWithoutItCannotFreeOrChangeAHeldLock() throws Exception {
        CuratorFramework instance = client(AUTH);
        CuratorFramework anonymous = client(null);
        ACL identity = new ACL(ZooDefs.Perms.ALL, new Id("digest",
                DigestAuthenticationProvider.generateDigest(AUTH)));

        String outcome = adapter(instance).withLocks(key(), Deadline.after(Duration.ofSeconds(2)), work(() -> {
            String held = holderNode(instance);
            String heldNodes = held.substring(0, held.lastIndexOf('/'));
            for (String node : List.of(basePath, heldNodes, held)) {
                assertThat(instance.getACL().forPath(node)).as("ACL of " + node).containsExactly(identity);
            }
            assertThatThrownBy(() -> anonymous.delete().forPath(held)).as("delete the holder's node")
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.setData().forPath(held, new byte[] {1})).as("change it")
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.getData().forPath(held)).as("read it")
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.create().forPath(heldNodes + "/queue-jumper")).as("hold a key beside it")
                    .isInstanceOf(KeeperException.NoAuthException.class);
            return "ran";
        }));

        assertThat(outcome).isEqualTo("ran");
    }

    @Test
    void withAuth_instancesSharingItStillExcludeEachOther() {
        ZooKeeperLockAdapter first = adapter(client(AUTH));
        ZooKeeperLockAdapter second = adapter(client(AUTH));

        String outcome = first.withLocks(key(), Deadline.after(Duration.ofSeconds(2)), () -> {
            assertThatThrownBy(() -> second.withLocks(key(), Deadline.after(Duration.ofMillis(300)), () -> "twice"))
                    .isInstanceOf(LockTimeoutException.class);
            return "ran";
        });

        assertThat(outcome).isEqualTo("ran");
        assertThat(second.withLocks(key(), Deadline.after(Duration.ofSeconds(2)), () -> "after"))
                .as("the second instance takes the key once it is free").isEqualTo("after");
    }

    @Test
    void withoutAuth_anyClientOfTheEnsembleCanFreeAHeldLock() {
        CuratorFramework instance = client(null);
        CuratorFramework other = client(null);

        adapter(instance).withLocks(key(), Deadline.after(Duration.ofSeconds(2)), work(() -> {
            String held = holderNode(instance);
            assertThat(instance.getACL().forPath(held)).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
            other.delete().forPath(held);
            assertThat(instance.checkExists().forPath(held)).as("the lock is gone under its holder").isNull();
            return null;
        }));
    }
}

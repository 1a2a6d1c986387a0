package com.ecommerce.adapter.out.lock.zookeeper;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Curator client of {@code lock-zookeeper}, started. */
public final class ZooKeeperClients {

    private ZooKeeperClients() {
    }

    /**
     * Without {@code auth} every znode is created open to all ({@code world:anyone}), ZooKeeper's default. With it the
     * session authenticates with the digest scheme and every znode the client creates (the base path, its
     * {@code held/} node and each held key's ephemeral node under it) carries {@code CREATOR_ALL_ACL}: all rights for
     * that digest identity, none for anyone else. Deleting a key's node needs DELETE on {@code held/}, so a client
     * without the identity can neither free a held lock nor change it, nor take a key beside it. Nodes that exist
     * already keep the ACL they were created with.
     */
    public static CuratorFramework start(LockProperties.ZooKeeper settings) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.connectString())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 3));
        if (settings.auth() != null) {
            builder.authorization("digest", settings.auth().getBytes(StandardCharsets.UTF_8))
                    .aclProvider(new CreatorOnly());
        }
        CuratorFramework client = builder.build();
        client.start();
        return client;
    }

    private static final class CreatorOnly implements ACLProvider {
        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}

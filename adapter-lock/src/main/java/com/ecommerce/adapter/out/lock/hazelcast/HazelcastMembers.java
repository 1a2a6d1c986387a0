package com.ecommerce.adapter.out.lock.hazelcast;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.List;

/**
 * The embedded Hazelcast member of one instance of the service: found by the other instances through the listed
 * members over TCP/IP (multicast off, so that unrelated clusters on one network never meet), quick to join and quick
 * to give up on a member that stops answering, since its locks stay held until the cluster removes it.
 */
public final class HazelcastMembers {

    /** A member silent this long is removed from the cluster, which frees the locks it held. */
    static final int MAX_NO_HEARTBEAT_SECONDS = 5;

    /** How often a cluster looks for another of its name among the listed members, to merge with it. */
    static final int MERGE_CHECK_SECONDS = 5;

    private HazelcastMembers() {
    }

    /** A member on exactly {@code port}: a deployed instance's address is what the others list. */
    public static HazelcastInstance start(LockProperties.Hazelcast properties) {
        return Hazelcast.newHazelcastInstance(config(properties.clusterName(), properties.port(), 1,
                properties.members()));
    }

    /**
     * The member's configuration. {@code portCount} above 1 lets the member take the first free port of
     * {@code port .. port + portCount - 1}, for several members on one host that list the same range.
     */
    public static Config config(String clusterName, int port, int portCount, List<String> members) {
        Config config = new Config();
        config.setClusterName(clusterName);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(portCount > 1).setPortCount(Math.max(1, portCount));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // no members listed: this instance is a cluster of one
        join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(2);
        // the default waits 5 s for other members before forming a cluster; the listed members answer in milliseconds
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
        // a lock request parked on a member that died is retried on the partition's new owner after this pause (500 ms
        // by default), which a waiter for a dead member's lock otherwise spends on top of the member's removal
        config.setProperty("hazelcast.invocation.retry.pause.millis", "100");
        // two clusters of one name (a healed network partition, or instances that each formed their own at the same
        // moment) merge at the master's next look for them: every 5 s rather than Hazelcast's 300 s first and 120 s
        // after; until then each grants the same keys
        config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_CHECK_SECONDS));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // the application's shutdown closes the member; a JVM hook of its own would race it
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        return config;
    }
}

package com.ecommerce.adapter.out.lock.testing;

import com.ecommerce.adapter.out.lock.hazelcast.HazelcastMembers;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Embedded Hazelcast clusters for the lock tests: nothing to install, every member runs in a test's JVM. Each cluster
 * has a name and a range of loopback ports of its own, so that the clusters of one JVM, or of test JVMs running at
 * the same time, never join one another.
 */
public final class TestHazelcast {

    public static final String HOST = "127.0.0.1";

    /** Three instances in the test's JVM, three in the contending process, and spares for a port taken meanwhile. */
    private static final int CONTRACT_PORTS = 10;
    private static Cluster contract;

    private TestHazelcast() {
    }

    /**
     * The cluster of the adapter's contract suites, one per test JVM: the suites run one after another and each
     * shuts its members down, so they never meet; the contending process's members join the suite's.
     */
    public static synchronized String contractCluster() {
        if (contract == null) {
            contract = newCluster(CONTRACT_PORTS);
        }
        return contract.asString();
    }

    /** A cluster nobody else uses: a unique name and {@code ports} consecutive free ports. */
    public static Cluster newCluster(int ports) {
        return new Cluster("ecommerce-test-" + UUID.randomUUID(), freePorts(ports), ports);
    }

    /** Another instance's member, on a free port, joining the cluster of {@code ecommerce.lock.hazelcast.*}. */
    public static HazelcastInstance memberJoining(LockProperties.Hazelcast cluster) {
        return Hazelcast.newHazelcastInstance(HazelcastMembers.config(cluster.clusterName(), freePorts(1), 1,
                cluster.members()));
    }

    /**
     * A member with the cluster's name that neither finds nor is found by its members: the other half of a split
     * brain, from the start.
     */
    public static HazelcastInstance memberApart(LockProperties.Hazelcast cluster) {
        int port = freePorts(1);
        return Hazelcast.newHazelcastInstance(HazelcastMembers.config(cluster.clusterName(), port, 1,
                List.of(HOST + ":" + port)));
    }

    /** The first of {@code count} consecutive ports that are free on the loopback now. */
    public static int freePorts(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000 - count);
            if (IntStream.range(first, first + count).allMatch(TestHazelcast::free)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on " + HOST);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A test cluster: its name and port range, written as {@code name@firstPort+ports} for another process. Its
     * members take the first free port of the range and look for each other on all of it.
     */
    public record Cluster(String name, int firstPort, int ports) {

        public static Cluster parse(String cluster) {
            String[] nameAndPorts = cluster.split("@");
            String[] range = nameAndPorts[1].split("\\+");
            return new Cluster(nameAndPorts[0], Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        }

        public String asString() {
            return name + "@" + firstPort + "+" + ports;
        }

        public List<String> members() {
            return IntStream.range(firstPort, firstPort + ports).mapToObj(port -> HOST + ":" + port).toList();
        }

        public HazelcastInstance startMember() {
            return Hazelcast.newHazelcastInstance(HazelcastMembers.config(name, firstPort, ports, members()));
        }
    }
}

package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ServiceInstance;
import com.ecommerce.systemtest.support.SystemEnv;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code lock-hazelcast} on two instances, each an embedded member of one cluster on a port of its own; every
 * instance lists every member, the third instance ({@code c}, started to be killed) included, so whichever starts
 * finds the others. An instance killed mid-load leaves locks that the cluster frees when it removes the dead member
 * (its closed connections tell at once; silence, at the latest after the 5 s heartbeat timeout), the 3 s lease being
 * the backstop: the bound is that detection, the lease and the 2 s wait.
 */
class HazelcastSystemIT extends TwoInstancesScenarios {

    private static final Duration FAILURE_DETECTION = Duration.ofSeconds(5);

    private final String clusterName = "ecommerce-system-" + UUID.randomUUID();
    private final Map<String, Integer> memberPorts = new LinkedHashMap<>();

    @Override
    protected String strategy() {
        return "hazelcast";
    }

    @Override
    protected void startDependencies() {
        for (String instance : new String[] {"a", "b", "c"}) {
            memberPorts.put(instance, SystemEnv.freePort());
        }
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.hazelcast.cluster-name", clusterName,
                "ecommerce.lock.hazelcast.members", String.join(",", memberPorts.values().stream()
                        .map(port -> "127.0.0.1:" + port).toList()),
                "ecommerce.lock.lease-time", "3s", "ecommerce.lock.wait-timeout", "2s");
    }

    /** Each instance's member on its own port (one not listed still joins through the listed ones). */
    @Override
    protected ServiceInstance startInstance(String name, Map<String, String> extra) {
        Map<String, String> own = new LinkedHashMap<>(extra);
        own.put("ecommerce.lock.hazelcast.port", String.valueOf(memberPorts.computeIfAbsent(name,
                instance -> SystemEnv.freePort())));
        return super.startInstance(name, own);
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatTheClusterFreesWhenItRemovesTheMember() {
        killOneInstanceMidLoad(FAILURE_DETECTION.plusSeconds(3 + 2));
    }
}

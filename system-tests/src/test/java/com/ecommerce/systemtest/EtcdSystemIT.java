package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.EtcdServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * {@code lock-etcd} on two instances against one etcd; an instance killed mid-load leaves locks that end with their
 * 4 s lease: its holders' leases were granted before the kill, its waiters' renewed at most a third of a lease before
 * it, and etcd revokes expired leases on a 500 ms tick, so the other instance, whose requests wait the instances'
 * 10 s, gets them back within the lease plus 3 s of slack, as {@code lock-zookeeper} within its session. The lock
 * keys go under a prefix of this run's own, so that a shared etcd never mixes them with another run's.
 */
class EtcdSystemIT extends TwoInstancesScenarios {

    private EtcdServer etcd;
    private String prefix;

    @Override
    protected String strategy() {
        return "etcd";
    }

    @Override
    protected void startDependencies() {
        etcd = EtcdServer.startOrFind();
        prefix = "/ecommerce-system-" + System.currentTimeMillis() + "/locks/";
    }

    @Override
    protected void stopDependencies() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.etcd.endpoints", etcd.endpoints(),
                "ecommerce.lock.etcd.prefix", prefix,
                "ecommerce.lock.lease-time", "4s");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatEndWithTheirLease() {
        killOneInstanceMidLoad(Duration.ofSeconds(4 + 3));
    }
}

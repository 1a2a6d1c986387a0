package com.ecommerce.systemtest;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code lock-zookeeper} on two instances against an in-process ZooKeeper of this test; an instance killed mid-load
 * leaves locks that end with its 4 s session.
 */
class ZooKeeperSystemIT extends TwoInstancesScenarios {

    private TestingServer zookeeper;

    @Override
    protected String strategy() {
        return "zookeeper";
    }

    @Override
    protected void startDependencies() {
        try {
            zookeeper = new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void stopDependencies() {
        try {
            zookeeper.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.zookeeper.connect-string", zookeeper.getConnectString(),
                "ecommerce.lock.zookeeper.session-timeout", "4s");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatEndWithItsSession() {
        killOneInstanceMidLoad(Duration.ofSeconds(4 + 3));
    }
}

package com.ecommerce.systemtest;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * {@code lock-jdbc} on two instances, the lock table in their own database; an instance killed mid-load leaves rows
 * that end with their 4 s time-to-live (cut to whole seconds on MariaDB, so up to a second more), after which the
 * survivor's request takes them over within its 2 s wait: the bound is 4 s + 2 s.
 */
class JdbcSystemIT extends TwoInstancesScenarios {

    @Override
    protected String strategy() {
        return "jdbc";
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("ecommerce.lock.lease-time", "4s", "ecommerce.lock.wait-timeout", "2s");
    }

    @Test
    @Order(9)
    void anInstanceKilledMidLoad_leavesLocksThatEndWithTheirTimeToLive() {
        killOneInstanceMidLoad(Duration.ofSeconds(4 + 2));
    }
}

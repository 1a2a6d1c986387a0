package com.ecommerce.systemtest;

/** {@code lock-optimistic} on two instances: no lock anywhere, the version check decides, retries are bounded. */
class OptimisticSystemIT extends TwoInstancesScenarios {

    @Override
    protected String strategy() {
        return "optimistic";
    }

    @Override
    protected boolean excludesWritersAcrossInstances() {
        return false;
    }
}

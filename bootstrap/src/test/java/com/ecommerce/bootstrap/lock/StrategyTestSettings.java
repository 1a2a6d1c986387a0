package com.ecommerce.bootstrap.lock;

/** Shared by the contract and scenario tests of one strategy, so that both run in one cached Spring context. */
final class StrategyTestSettings {

    /** Long enough that exact success counts never depend on a lock timeout on a slow machine. */
    static final String LONG_WAIT = "ecommerce.lock.wait-timeout=30s";

    private StrategyTestSettings() {
    }
}

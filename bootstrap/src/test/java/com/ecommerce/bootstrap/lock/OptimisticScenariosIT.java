package com.ecommerce.bootstrap.lock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The races without any lock: the version check decides, and the cost is counted in attempts per success. */
@ActiveProfiles("lock-optimistic")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class OptimisticScenariosIT extends ConcurrencyScenariosTest {

    @Autowired
    MeterRegistry meters;
    private double retriesBefore;
    private long successesBefore;
    private double attemptsBefore;

    @Override
    protected boolean excludesWriters() {
        return false;
    }

    @Override
    protected void raceStarts() {
        retriesBefore = meters.get("ecommerce.lock.optimistic.retries").counter().count();
        successesBefore = meters.get("ecommerce.lock.optimistic.attempts").summary().count();
        attemptsBefore = meters.get("ecommerce.lock.optimistic.attempts").summary().totalAmount();
    }

    @Override
    protected void raceEnded() {
        long successes = meters.get("ecommerce.lock.optimistic.attempts").summary().count() - successesBefore;
        double attempts = meters.get("ecommerce.lock.optimistic.attempts").summary().totalAmount() - attemptsBefore;
        double retries = meters.get("ecommerce.lock.optimistic.retries").counter().count() - retriesBefore;
        System.out.printf("[scenario:optimistic]   cost of that race: %d successes, %.2f attempts per success, %.0f retries%n", successes, successes == 0 ? 0 : attempts / successes, retries);
    }
}

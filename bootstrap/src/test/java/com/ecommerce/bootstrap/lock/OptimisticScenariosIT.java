package com.ecommerce.bootstrap.lock;

import com.ecommerce.adapter.out.lock.support.LockProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races without any lock: the version check decides, and the cost is counted in attempts per success. After
 * each race the retries counted must be exactly the successes' extra attempts plus a full budget less one per
 * refusal: every refused unit of work ran all its attempts (the floor of successes stands on that).
 */
@ActiveProfiles("lock-optimistic")
@TestPropertySource(properties = StrategyTestSettings.LONG_WAIT)
class OptimisticScenariosIT extends ConcurrencyScenariosTest {

    @Autowired
    MeterRegistry meters;
    @Autowired
    LockProperties properties;
    private double retriesBefore;
    private double exhaustedBefore;
    private long successesBefore;
    private double attemptsBefore;

    @Override
    protected boolean excludesWriters() {
        return false;
    }

    @Override
    protected int attemptsBeforeRefusal() {
        return properties.optimistic().maxAttempts();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    @Override
    protected void raceStarts() {
        retriesBefore = counter("ecommerce.lock.optimistic.retries");
        exhaustedBefore = counter("ecommerce.lock.optimistic.exhausted");
        successesBefore = meters.get("ecommerce.lock.optimistic.attempts").summary().count();
        attemptsBefore = meters.get("ecommerce.lock.optimistic.attempts").summary().totalAmount();
    }

    @Override
    protected void raceEnded() {
        long successes = meters.get("ecommerce.lock.optimistic.attempts").summary().count() - successesBefore;
        double attempts = meters.get("ecommerce.lock.optimistic.attempts").summary().totalAmount() - attemptsBefore;
        double retries = counter("ecommerce.lock.optimistic.retries") - retriesBefore;
        double refused = counter("ecommerce.lock.optimistic.exhausted") - exhaustedBefore;
        System.out.printf("[scenario:optimistic]   cost of that race: %d units of work succeeded, %.2f attempts per "
                + "success, %.0f retries, %.0f refused%n", successes, successes == 0 ? 0 : attempts / successes,
                retries, refused);
        assertThat(retries).as("retries: the successes' extra attempts plus %d per refused unit of work",
                attemptsBeforeRefusal() - 1).isEqualTo(attempts - successes + refused * (attemptsBeforeRefusal() - 1));
    }
}

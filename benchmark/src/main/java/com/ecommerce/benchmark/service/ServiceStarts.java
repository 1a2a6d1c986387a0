package com.ecommerce.benchmark.service;

import com.ecommerce.systemtest.support.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts service instances one after the other (start-ups compete for the two cores), awaits each, and counts them:
 * each start-up takes about 15 s of the machine, and the report says how many there were. Every instance started is
 * also added to the caller's list, so that one {@code finally} can stop them all.
 */
public final class ServiceStarts {

    private static final Duration READY_WITHIN = Duration.ofSeconds(150);

    private int count;

    /** Starts {@code count} instances named {@code bench-<strategy>-<role>-a}, {@code -b}, ... */
    public List<ServiceInstance> start(String strategy, String role, int instances, Map<String, String> properties,
                                       List<ServiceInstance> all) {
        List<ServiceInstance> started = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            started.add(start("bench-" + strategy + "-" + role + "-" + (char) ('a' + i), properties, all));
        }
        return started;
    }

    /** Starts one instance named {@code name} and awaits it. */
    public ServiceInstance start(String name, Map<String, String> properties, List<ServiceInstance> all) {
        ServiceInstance instance = ServiceInstance.start(name, StrategyServices.forInstance(properties));
        all.add(instance);
        ServiceInstance ready = instance.awaitReady(READY_WITHIN);
        count++;
        return ready;
    }

    /** Service processes started so far. */
    public int count() {
        return count;
    }
}

package com.ecommerce.benchmark.scenario;

import com.ecommerce.systemtest.support.Http;
import com.ecommerce.systemtest.support.ServiceInstance;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The first requests of an instance that has served nothing. A JVM's first orders, charges and reads load classes
 * and fill caches for seconds on two cores; an instance that meets them inside a run's short measured period keeps
 * the clients that picked it waiting past the period's end. Eight buyers send one request of every kind the scenarios
 * send, all at once, so that this costs about as long as the slowest first request. The answers are not checked
 * here: the runs that follow check everything.
 */
public final class Priming {

    private static final int BUYERS = 8;

    private Priming() {
    }

    public static void firstRequests(ServiceInstance instance) {
        long started = System.nanoTime();
        long item = Fixtures.items(1, 1, BUYERS)[0];
        long[] buyers = Fixtures.funded(BUYERS, 1_000);
        String[] bearers = Auth.bearers(buyers);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BUYERS; i++) {
                int buyer = i;
                clients.submit(() -> Auth.order(instance, bearers[buyer], buyers[buyer], item, 1));
                clients.submit(() -> Auth.charge(instance, bearers[buyer], buyers[buyer], 1));
                clients.submit(() -> Http.get(instance, "/api/v1/items/" + item, bearers[buyer]));
                clients.submit(() -> Http.get(instance, "/api/v1/items?page=0&size=20", bearers[buyer]));
            }
        }
        System.out.printf("[bench] %s: first requests (%d of each kind) served in %d ms%n", instance.name(), BUYERS,
                (System.nanoTime() - started) / 1_000_000);
    }
}

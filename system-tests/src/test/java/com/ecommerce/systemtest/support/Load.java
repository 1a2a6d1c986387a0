package com.ecommerce.systemtest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Fires requests from several client threads at once and counts the outcomes by code. */
public final class Load {

    private Load() {
    }

    /** Outcomes of a run: "OK" or the problem code, with counts. */
    public record Tally(Map<String, Integer> counts, int requests) {
        public int ok() {
            return counts.getOrDefault("OK", 0);
        }

        public int of(String code) {
            return counts.getOrDefault(code, 0);
        }
    }

    public static Tally run(int threads, int requests, IntFunction<Http.Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index).outcome();
                }));
            }
            start.countDown();
            Map<String, Integer> counts = new TreeMap<>();
            for (Future<String> f : futures) {
                counts.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
            }
            return new Tally(counts, requests);
        } catch (Exception e) {
            throw new IllegalStateException("the load did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}

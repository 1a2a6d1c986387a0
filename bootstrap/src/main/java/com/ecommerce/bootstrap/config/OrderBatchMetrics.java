package com.ecommerce.bootstrap.config;

import com.ecommerce.application.order.port.out.OrderBatchMetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch sizes of order combining as metrics: {@code ecommerce.order.batch.size} (orders per batch: count, sum,
 * max), {@code ecommerce.order.batches} per size class ({@code size} = 1, 2-4, 5-8, 9-16, 17-32, 33-64, 65+), and
 * {@code ecommerce.order.batch.orders} per outcome ({@code placed}, {@code refused}: failed alone or with the batch).
 */
final class OrderBatchMetrics implements OrderBatchMetricsPort {

    private static final int[] UPPER_BOUNDS = {1, 4, 8, 16, 32, 64};

    private final DistributionSummary size;
    private final List<Counter> bySize = new ArrayList<>();
    private final Counter placed;
    private final Counter refused;

    OrderBatchMetrics(MeterRegistry registry) {
        this.size = DistributionSummary.builder("ecommerce.order.batch.size")
                .description("Orders per batch of order combining (a lone order is a batch of 1)")
                .baseUnit("orders").register(registry);
        int lower = 1;
        for (int upper : UPPER_BOUNDS) {
            bySize.add(batches(registry, lower == upper ? String.valueOf(upper) : lower + "-" + upper));
            lower = upper + 1;
        }
        bySize.add(batches(registry, lower + "+"));
        this.placed = orders(registry, "placed");
        this.refused = orders(registry, "refused");
    }

    private static Counter batches(MeterRegistry registry, String sizeClass) {
        return Counter.builder("ecommerce.order.batches").description("Batches of order combining, by size")
                .tag("size", sizeClass).register(registry);
    }

    private static Counter orders(MeterRegistry registry, String outcome) {
        return Counter.builder("ecommerce.order.batch.orders").description("Orders run in batches, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public void batchEnded(int orders, int placedOrders) {
        size.record(orders);
        int index = 0;
        while (index < UPPER_BOUNDS.length && orders > UPPER_BOUNDS[index]) {
            index++;
        }
        bySize.get(index).increment();
        placed.increment(placedOrders);
        refused.increment(orders - placedOrders);
    }
}

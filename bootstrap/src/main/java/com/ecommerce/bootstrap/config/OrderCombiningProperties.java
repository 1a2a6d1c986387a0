package com.ecommerce.bootstrap.config;

import com.ecommerce.application.order.combining.OrderCombining;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order combining, {@code ecommerce.order.combining.*}, checked when bound: a bad value stops the start-up with a
 * message naming the property.
 * <ul>
 *   <li>{@code enabled}: orders for the same items that wait in one instance are placed together, one lock
 *       acquisition and one transaction per batch (default true). Off, every order runs in a transaction of its
 *       own; the benchmark compares the two.</li>
 *   <li>{@code max-batch-size}: at most this many orders per batch (default 64, 1 to 500). How long an order may be
 *       held in the queue is its lock wait ({@code ecommerce.lock.wait-timeout}): past it, it answers
 *       {@code LOCK_TIMEOUT}, as it would have waiting for the lock.</li>
 * </ul>
 */
@ConfigurationProperties("ecommerce.order.combining")
public record OrderCombiningProperties(@DefaultValue("true") boolean enabled,
                                       @DefaultValue("64") int maxBatchSize) {

    public OrderCombiningProperties {
        new OrderCombining(enabled, maxBatchSize); // its checks name the property
    }

    public OrderCombining combining() {
        return new OrderCombining(enabled, maxBatchSize);
    }
}

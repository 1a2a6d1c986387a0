package com.ecommerce.application.order.combining;

/**
 * Order combining: {@code enabled}, or every order in a transaction of its own; {@code maxBatchSize}, at most this
 * many orders in one transaction (1 to {@value #MAX_BATCH_SIZE_LIMIT}). How long an order may wait in the queue is
 * its lock wait: past it, it leaves the queue with {@code LOCK_TIMEOUT}.
 */
public record OrderCombining(boolean enabled, int maxBatchSize) {

    /** A batch locks one balance per order; past a few hundred rows a batch holds more than it saves. */
    public static final int MAX_BATCH_SIZE_LIMIT = 500;

    public OrderCombining {
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE_LIMIT) {
            throw new IllegalArgumentException("ecommerce.order.combining.max-batch-size must be 1 to "
                    + MAX_BATCH_SIZE_LIMIT + ", got " + maxBatchSize);
        }
    }

    /** How many orders one transaction places: 1 when combining is off (each order alone, through the same code). */
    public int batchSize() {
        return enabled ? maxBatchSize : 1;
    }
}

package com.ecommerce.application.order.port.out;

/**
 * Told about every batch of orders placed by order combining (a request alone is a batch of one), so that the
 * deployment can report the distribution of batch sizes. Called by the batch's leader after the batch has ended.
 */
@FunctionalInterface
public interface OrderBatchMetricsPort {

    /**
     * @param orders how many orders ran in the batch's transaction (1 or more)
     * @param placed how many of them were placed; 0 also when the batch failed as a whole (lock timeout, a lost lock
     *               fenced by the version check, the database), in which case every member failed with it
     */
    void batchEnded(int orders, int placed);

    /** Observes nothing. */
    OrderBatchMetricsPort NONE = (orders, placed) -> {
    };
}

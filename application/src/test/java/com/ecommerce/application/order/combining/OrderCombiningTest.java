package com.ecommerce.application.order.combining;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderCombiningTest {

    @Test
    void batchSize_isTheMaximumWhenOn_andOneWhenOff() {
        assertThat(new OrderCombining(true, 64).batchSize()).isEqualTo(64);
        assertThat(new OrderCombining(false, 64).batchSize()).isEqualTo(1);
    }

    @Test
    void maxBatchSize_isOneToTheLimit() {
        assertThat(new OrderCombining(true, 1).batchSize()).isEqualTo(1);
        assertThat(new OrderCombining(true, OrderCombining.MAX_BATCH_SIZE_LIMIT).batchSize())
                .isEqualTo(OrderCombining.MAX_BATCH_SIZE_LIMIT);
        assertThatThrownBy(() -> new OrderCombining(true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderCombining(false, OrderCombining.MAX_BATCH_SIZE_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-batch-size must be 1 to 500");
    }
}

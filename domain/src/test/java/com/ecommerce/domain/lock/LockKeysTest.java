package com.ecommerce.domain.lock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockKeysTest {

    @Test
    void with_mergesTwoSetsInTheGlobalOrderWithoutDuplicates() {
        LockKeys first = LockKeys.of(LockKey.itemStock(5), LockKey.point(3));
        LockKeys second = LockKeys.of(LockKey.point(1), LockKey.point(3), LockKey.itemStock(2), LockKey.itemStock(9));

        assertThat(first.with(second).asList()).containsExactly(LockKey.point(1), LockKey.point(3),
                LockKey.itemStock(2), LockKey.itemStock(5), LockKey.itemStock(9));
        assertThat(first.with(second)).isEqualTo(second.with(first));
    }

    @Test
    void of_sortsOnceAndDropsRepeats_andIteratesInThatOrder() {
        LockKeys keys = LockKeys.of(LockKey.itemStock(2), LockKey.point(9), LockKey.itemStock(2), LockKey.point(1));

        assertThat(keys).containsExactly(LockKey.point(1), LockKey.point(9), LockKey.itemStock(2));
        assertThat(keys).isEqualTo(LockKeys.of(LockKey.point(1), LockKey.itemStock(2), LockKey.point(9)))
                .hasSameHashCodeAs(LockKeys.of(LockKey.point(1), LockKey.itemStock(2), LockKey.point(9)));
        assertThat(keys).isNotEqualTo(LockKeys.of(LockKey.point(1), LockKey.itemStock(2)))
                .isNotEqualTo(keys.asList());
    }

    @Test
    void aTimeoutNamesTheKeysInTheirOrder() {
        LockKeys keys = LockKeys.of(LockKey.itemStock(5), LockKey.point(3));

        assertThat(Deadline.after(Duration.ofMillis(250)).exceeded(keys))
                .hasMessage("Could not lock [point:3, stock:5] within 250 ms; retry later");
    }

    @Test
    void of_refusesAnEmptySet() {
        assertThatThrownBy(() -> LockKeys.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asList_cannotBeChanged() {
        assertThatThrownBy(() -> LockKeys.of(LockKey.point(1)).asList().add(LockKey.point(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

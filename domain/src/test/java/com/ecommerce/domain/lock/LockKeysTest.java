package com.ecommerce.domain.lock;

import org.junit.jupiter.api.Test;

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
    void of_refusesAnEmptySet() {
        assertThatThrownBy(() -> LockKeys.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asList_cannotBeChanged() {
        assertThatThrownBy(() -> LockKeys.of(LockKey.point(1)).asList().add(LockKey.point(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

package com.ecommerce.domain.lock;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockKeyTest {

    @Test
    void sortedDistinct_ordersByTypeThenIdAndDropsDuplicates() {
        List<LockKey> keys = List.of(LockKey.point(1), LockKey.itemStock(9), LockKey.itemStock(2),
                LockKey.point(1), LockKey.itemStock(10));

        assertThat(LockKeys.of(keys).asList()).containsExactly(
                LockKey.point(1), LockKey.itemStock(2), LockKey.itemStock(9), LockKey.itemStock(10));
    }

    @Test
    void theOrderIsTheSameWhateverTheCallerOrder() {
        List<LockKey> ab = List.of(LockKey.itemStock(1), LockKey.itemStock(2), LockKey.point(3));
        List<LockKey> ba = List.of(LockKey.point(3), LockKey.itemStock(2), LockKey.itemStock(1));
        assertThat(LockKeys.of(ab)).isEqualTo(LockKeys.of(ba));
    }

    @Test
    void idsAreNumericallyOrderedNotAsText() {
        assertThat(LockKey.itemStock(9)).isLessThan(LockKey.itemStock(10));
    }

    @Test
    void asString_isStable() {
        assertThat(LockKey.point(7).asString()).isEqualTo("point:7");
        assertThat(LockKey.itemStock(42).asString()).isEqualTo("stock:42");
    }

    @Test
    void idsArePositive() {
        assertThatThrownBy(() -> LockKey.point(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.ecommerce.domain.stock;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.InvalidRequestException;
import com.ecommerce.domain.shared.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemStockTest {

    @Test
    void deduct_theLastUnitSellsOnce() {
        ItemStock stock = ItemStock.reconstitute(5, 1, 0);

        stock.deduct(1);

        assertThat(stock.quantity()).isZero();
        assertThatThrownBy(() -> stock.deduct(1))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    assertThat(e.details()).containsEntry("itemIds", List.of(5L));
                });
        assertThat(stock.quantity()).isZero();
    }

    @Test
    void deduct_whenMoreIsAskedThanLeft_changesNothing() {
        ItemStock stock = ItemStock.reconstitute(5, 3, 0);
        assertThat(stock.canSupply(3)).isTrue();
        assertThat(stock.canSupply(4)).isFalse();
        assertThatThrownBy(() -> stock.deduct(4)).isInstanceOf(DomainException.class);
        assertThat(stock.quantity()).isEqualTo(3);
    }

    @Test
    void deduct_whenNotPositive_isAProgrammingErrorAndChangesNothing() {
        ItemStock stock = ItemStock.reconstitute(5, 3, 0);
        assertThatThrownBy(() -> stock.deduct(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stock.deduct(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stock.quantity()).as("a negative deduction never adds stock").isEqualTo(3);
    }

    @Test
    void reconstitute_whenTheStoredQuantityBreaksTheInvariant_refuses() {
        assertThatThrownBy(() -> ItemStock.reconstitute(5, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ItemStock.reconstitute(5, Limits.STOCK_MAX + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ItemStock.reconstitute(5, Limits.STOCK_MAX, 0).quantity()).isEqualTo(Limits.STOCK_MAX);
    }

    @Test
    void restock_addsWithinTheCap() {
        ItemStock stock = ItemStock.reconstitute(5, 10, 2);
        stock.restock(5);
        assertThat(stock.quantity()).isEqualTo(15);
        assertThat(stock.version()).isEqualTo(2);
    }

    @Test
    void restock_whenTheCapWouldBePassed_isStockLimitExceeded() {
        ItemStock stock = ItemStock.reconstitute(5, Limits.STOCK_MAX - 1, 0);
        assertThatThrownBy(() -> stock.restock(2))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STOCK_LIMIT_EXCEEDED));
        stock.restock(1);
        assertThat(stock.quantity()).isEqualTo(Limits.STOCK_MAX);
    }

    @Test
    void restock_whenQuantityIsOutOfRange_isInvalid() {
        ItemStock stock = ItemStock.reconstitute(5, 0, 0);
        assertThatThrownBy(() -> stock.restock(0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> stock.restock(Limits.RESTOCK_MAX + 1)).isInstanceOf(InvalidRequestException.class);
        assertThat(stock.quantity()).isZero();
    }

    @Test
    void open_checksTheOpeningStock() {
        assertThat(ItemStock.open(1, 0).quantity()).isZero();
        assertThat(ItemStock.open(1, Limits.STOCK_MAX).quantity()).isEqualTo(Limits.STOCK_MAX);
        assertThatThrownBy(() -> ItemStock.open(1, -1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ItemStock.open(1, Limits.STOCK_MAX + 1)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void item_trimsItsNameAndChecksThePrice() {
        Item item = Item.create("  pen ", 1_500);
        assertThat(item.name()).isEqualTo("pen");
        assertThat(item.price()).isEqualTo(1_500);
        assertThat(item.id()).isNull();
        assertThat(Item.create("free", 0).price()).isZero();
        assertThatThrownBy(() -> Item.create("x", -1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Item.create("x", Limits.PRICE_MAX + 1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Item.create("   ", 1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Item.create("a".repeat(101), 1)).isInstanceOf(InvalidRequestException.class);
        assertThat(Item.create("a".repeat(100), 1).name()).hasSize(100);
    }

    @Test
    void item_reconstitutedFromTheStore_keepsItsIdNameAndPrice() {
        Item item = Item.reconstitute(9, "pen", Limits.PRICE_MAX);
        assertThat(item.id()).isEqualTo(9L);
        assertThat(item.name()).isEqualTo("pen");
        assertThat(item.price()).isEqualTo(Limits.PRICE_MAX);
    }
}

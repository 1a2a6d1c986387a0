package com.ecommerce.application.stock.service;

import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.stock.port.in.StockLevel;
import com.ecommerce.domain.lock.LockKey;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemServicesTest {

    private final ServiceFixture f = new ServiceFixture();

    @Test
    void register_storesTheItemWithItsOpeningStock() {
        ItemView pen = f.registerItem.register(ADMIN, new RegisterItemCommand(" pen ", 1_500, 10));

        assertThat(pen.name()).isEqualTo("pen");
        assertThat(f.getItem.getItem(pen.itemId())).isEqualTo(pen);
    }

    @Test
    void restock_locksTheItemAndAddsStock() {
        long pen = f.item(1, 10);

        StockLevel level = f.restock.restock(ADMIN, new RestockItemCommand(pen, 5));

        assertThat(level).isEqualTo(new StockLevel(pen, 15));
        assertThat(f.stock(pen)).as("written to the store").isEqualTo(15);
        assertThat(f.lock.acquisitions).containsExactly(List.of(LockKey.itemStock(pen)));
    }

    @Test
    void restock_pastTheCap_isStockLimitExceededAndChangesNothing() {
        long pen = f.item(1, Limits.STOCK_MAX);

        assertThatThrownBy(() -> f.restock.restock(ADMIN, new RestockItemCommand(pen, 1)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STOCK_LIMIT_EXCEEDED));
        assertThat(f.stock(pen)).isEqualTo(Limits.STOCK_MAX);
    }

    @Test
    void unknownItems_areItemNotFound() {
        assertThatThrownBy(() -> f.getItem.getItem(77)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ITEM_NOT_FOUND));
        assertThatThrownBy(() -> f.restock.restock(ADMIN, new RestockItemCommand(77, 1)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ITEM_NOT_FOUND));
    }

    @Test
    void anItemWhoseStockRowIsMissing_isItemNotFound() {
        long orphan = f.store.addItem(Item.create("orphan", 10)).id();

        assertThatThrownBy(() -> f.getItem.getItem(orphan)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ITEM_NOT_FOUND));
    }

    @Test
    void list_pagesItemsWithTheirStock() {
        long a = f.item(10, 1);
        long b = f.item(20, 2);
        long c = f.item(30, 3);

        Page<ItemView> first = f.listItems.listItems(new PageQuery(0, 2));
        Page<ItemView> second = f.listItems.listItems(new PageQuery(1, 2));

        assertThat(first.totalElements()).isEqualTo(3);
        assertThat(first.content()).extracting(ItemView::itemId).containsExactly(a, b);
        assertThat(first.content()).extracting(ItemView::stock).containsExactly(1L, 2L);
        assertThat(second.content()).extracting(ItemView::itemId).containsExactly(c);
    }
}

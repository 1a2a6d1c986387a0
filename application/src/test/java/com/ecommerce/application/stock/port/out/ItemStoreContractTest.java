package com.ecommerce.application.stock.port.out;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.stock.ItemStock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link ItemStorePort}, items and their stock: every implementation is a subclass (see
 * {@link StoreContractTest}).
 */
public abstract class ItemStoreContractTest extends StoreContractTest {

    protected ItemStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void anAddedItemIsFoundUnderTheIdAddReturnedWithItsNameAndPrice() {
        Item free = write(() -> items.addItem(Item.create("sample", 0)));
        Item dearest = write(() -> items.addItem(Item.create("dearest", Limits.PRICE_MAX)));

        assertThat(free.id()).isNotNull();
        assertThat(values(free)).isEqualTo(new ItemValues(free.id(), "sample", 0));
        assertThat(dearest.id()).isNotNull().isNotEqualTo(free.id());
        assertThat(values(dearest)).isEqualTo(new ItemValues(dearest.id(), "dearest", Limits.PRICE_MAX));
        assertThat(read(() -> items.findItem(free.id()))).map(StoreContractTest::values).contains(values(free));
        assertThat(read(() -> items.findItem(dearest.id()))).map(StoreContractTest::values).contains(values(dearest));
    }

    @Test
    void namesOfTheMaximumLengthInHangulAreKeptUnchanged() {
        Item item = write(() -> items.addItem(Item.create(LONGEST_HANGUL_NAME, 1)));

        assertThat(LONGEST_HANGUL_NAME).hasSize(Limits.NAME_MAX_LENGTH);
        assertThat(read(() -> items.findItem(item.id()))).map(Item::name).contains(LONGEST_HANGUL_NAME);
    }

    @Test
    void findingAnUnknownItemOrItsStockIsEmpty() {
        assertThat(read(() -> items.findItem(UNKNOWN_ID))).isEmpty();
        assertThat(read(() -> items.findStock(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void findItemsReturnsOnlyTheItemsThatExistAmongTheIds() {
        Item a = write(() -> items.addItem(Item.create("a", 10)));
        Item b = write(() -> items.addItem(Item.create("b", 20)));

        assertThat(read(() -> items.findItems(List.of(b.id(), UNKNOWN_ID, a.id())))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(values(a), values(b));
        assertThat(read(() -> items.findItems(List.of(a.id())))).map(StoreContractTest::values)
                .containsExactly(values(a));
    }

    @Test
    void findItemsOfNoIdsOrOnlyUnknownIdsIsEmpty() {
        assertThat(read(() -> items.findItems(List.of()))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(UNKNOWN_ID)))).isEmpty();
        assertThat(read(() -> items.findItems(List.of(UNKNOWN_ID, UNKNOWN_ID - 1)))).isEmpty();
    }

    @Test
    void findItemsReturnsAnItemAskedForTwiceOnce() {
        Item a = write(() -> items.addItem(Item.create("a", 10)));
        Item b = write(() -> items.addItem(Item.create("b", 20)));

        assertThat(read(() -> items.findItems(List.of(a.id(), b.id(), a.id())))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(values(a), values(b));
    }

    @Test
    void itemPagesAreOldestFirstByIdAndAPagePastTheEndIsEmptyWithTheTotal() {
        long before = read(() -> items.findItemPage(new PageQuery(0, 1))).totalElements();
        Item a = write(() -> items.addItem(Item.create("page a", 1)));
        Item b = write(() -> items.addItem(Item.create("page b", 2)));
        Item c = write(() -> items.addItem(Item.create("page c", 3)));
        long total = before + 3;
        int first = Math.toIntExact(before);

        // the new items are the last three, in the order they were added
        assertThat(itemPage(first, 1)).containsExactly(values(a));
        assertThat(itemPage(first + 1, 1)).containsExactly(values(b));
        assertThat(itemPage(first + 2, 1)).containsExactly(values(c));
        Page<Item> pastTheEnd = read(() -> items.findItemPage(new PageQuery(first + 3, 1)));
        assertThat(pastTheEnd.content()).isEmpty();
        assertThat(pageInfo(pastTheEnd)).isEqualTo(new PageInfo(first + 3, 1, total));
        // an offset past 2^31 - 1 rows (page x size) is past the end as well
        Page<Item> farPastTheEnd = read(() -> items.findItemPage(new PageQuery(Integer.MAX_VALUE, 100)));
        assertThat(farPastTheEnd.content()).isEmpty();
        assertThat(pageInfo(farPastTheEnd)).isEqualTo(new PageInfo(Integer.MAX_VALUE, 100, total));

        // with pages of two, the last page ends with the newest item
        int lastPage = Math.toIntExact((total - 1) / 2);
        Page<Item> last = read(() -> items.findItemPage(new PageQuery(lastPage, 2)));
        List<ItemValues> tail = total % 2 == 0 ? List.of(values(b), values(c)) : List.of(values(c));
        assertThat(last.content()).map(StoreContractTest::values).containsExactlyElementsOf(tail);
        assertThat(pageInfo(last)).isEqualTo(new PageInfo(lastPage, 2, total));
    }

    // --- stock

    @Test
    void anAddedStockIsFoundWithItsQuantityAndVersionZero() {
        long empty = newItem("empty", 10, 0);
        long full = newItem("full", 10, Limits.STOCK_MAX);

        assertThat(read(() -> items.findStock(empty))).map(StoreContractTest::values)
                .contains(new StockValues(empty, 0, 0));
        assertThat(read(() -> items.findStock(full))).map(StoreContractTest::values)
                .contains(new StockValues(full, Limits.STOCK_MAX, 0));
    }

    @Test
    void findStocksReturnsOnlyTheStocksThatExistAmongTheIds() {
        long a = newItem("a", 10, 3);
        long b = newItem("b", 10, 4);
        long withoutStock = write(() -> items.addItem(Item.create("no stock", 10))).id();

        assertThat(read(() -> items.findStocks(List.of(b, UNKNOWN_ID, withoutStock, a))))
                .map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new StockValues(a, 3, 0), new StockValues(b, 4, 0));
    }

    @Test
    void findStocksOfOneIdOrNoIdsAnswersLikeForMany() {
        long a = newItem("a", 10, 3);

        assertThat(read(() -> items.findStocks(List.of(a)))).map(StoreContractTest::values)
                .containsExactly(new StockValues(a, 3, 0));
        assertThat(read(() -> items.findStocks(List.of(UNKNOWN_ID)))).isEmpty();
        assertThat(read(() -> items.findStocks(List.of()))).isEmpty();
    }

    @Test
    void findStocksReturnsAStockAskedForTwiceOnce() {
        long a = newItem("a", 10, 3);
        long b = newItem("b", 10, 4);

        assertThat(read(() -> items.findStocks(List.of(a, b, a)))).map(StoreContractTest::values)
                .containsExactlyInAnyOrder(new StockValues(a, 3, 0), new StockValues(b, 4, 0));
    }

    @Test
    void updateStockWritesTheQuantityAndBumpsTheVersionEachTime() {
        long itemId = newItem("restocked", 10, 5);

        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 2, 0));
            return null;
        });
        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 2, 1));

        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 0, 1));
            return null;
        });
        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 0, 2));
    }

    @Test
    void updateStockWithAStaleVersionThrowsConcurrentUpdateAndLeavesTheQuantityUnchanged() {
        long itemId = newItem("contended", 10, 5);
        write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 4, 0));
            return null;
        });

        assertThatThrownBy(() -> write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 3, 0));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> items.findStock(itemId))).map(StoreContractTest::values)
                .contains(new StockValues(itemId, 4, 1));
    }

    @Test
    void updateStockOfAStockThatWasNeverAddedThrowsConcurrentUpdateAndAddsNone() {
        long itemId = write(() -> items.addItem(Item.create("no stock", 10))).id();

        assertThatThrownBy(() -> write(() -> {
            items.updateStock(ItemStock.reconstitute(itemId, 3, 0));
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(read(() -> items.findStock(itemId))).isEmpty();
    }

    private List<ItemValues> itemPage(int page, int size) {
        return read(() -> items.findItemPage(new PageQuery(page, size))).content().stream()
                .map(StoreContractTest::values).toList();
    }
}

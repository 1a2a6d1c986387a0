package com.ecommerce.adapter.out.persistence.stock;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.adapter.out.persistence.shared.TransactionAdapter;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.stock.Item;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue's cached item count: reused within its time to live, so another instance's registration shows only
 * after it; a registration through this store shows at its commit, and a rolled-back one never drops it.
 */
@OnH2
class H2ItemCountCacheTest {

    private final ItemStoreAdapter cached;
    private final ItemStoreAdapter uncached;
    private final TransactionAdapter transactions;
    private final JdbcTemplate jdbc;

    H2ItemCountCacheTest(EntityManager em, Clock clock, TransactionAdapter transactions, JdbcTemplate jdbc) {
        this.cached = new ItemStoreAdapter(em, clock, Duration.ofHours(1));
        this.uncached = new ItemStoreAdapter(em, clock);
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Test
    void theCountIsReused_untilThisStoreRegistersAnItem() {
        long before = count(cached);

        transactions.inTransaction(() -> jdbc.update("insert into item (name, price, created_at, version) "
                + "values ('registered elsewhere', 1, current_timestamp, 0)"));
        assertThat(count(cached)).as("another instance's registration: within the time to live").isEqualTo(before);
        assertThat(count(uncached)).isEqualTo(before + 1);

        try {
            transactions.inTransaction(() -> {
                cached.addItem(Item.create("rolled back", 1));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the registration's transaction rolled back
        }
        assertThat(count(cached)).as("a rollback keeps the count").isEqualTo(before);

        transactions.inTransaction(() -> cached.addItem(Item.create("registered here", 1)));
        assertThat(count(cached)).as("this store's registration, at its commit").isEqualTo(before + 2);
    }

    private long count(ItemStoreAdapter store) {
        return transactions.readOnly(() -> store.findItemPage(new PageQuery(0, 1))).totalElements();
    }
}

package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.support.Api.Response;
import com.ecommerce.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of orders whose one buyer's balance row is locked elsewhere (a long transaction of the back office, say)
 * fails that buyer's order alone: the others of the batch are placed, within their lock wait. Real threads, the
 * real database, {@code lock-db}'s row locks: the test holds the item's row while a first order waits on it, so that
 * three more queue behind it and run as one batch, and holds the last buyer's balance row throughout.
 */
@ActiveProfiles("lock-db")
@TestPropertySource(properties = "ecommerce.lock.wait-timeout=4s")
class OrderBatchBlastRadiusIT extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aBuyerWhoseBalanceIsLockedElsewhere_failsAlone_andTheRestOfTheBatchIsPlaced() throws Exception {
        long itemId = api.newItem(100, 10);
        long first = api.newUserWithBalance(1_000);
        long one = api.newUserWithBalance(1_000);
        long two = api.newUserWithBalance(1_000);
        long held = api.newUserWithBalance(1_000);

        try (Connection itemHolder = dataSource.getConnection();
             Connection balanceHolder = dataSource.getConnection()) {
            lockRow(itemHolder, "select item_id from item_stock where item_id = ? for update", itemId);
            lockRow(balanceHolder, "select user_id from point_balance where user_id = ? for update", held);

            CompletableFuture<Response> leader = CompletableFuture.supplyAsync(() -> api.order(first, itemId, 1));
            Thread.sleep(300); // the leader's batch waits on the item's row
            CompletableFuture<Response> orderOne = CompletableFuture.supplyAsync(() -> api.order(one, itemId, 1));
            CompletableFuture<Response> orderHeld = CompletableFuture.supplyAsync(() -> api.order(held, itemId, 1));
            CompletableFuture<Response> orderTwo = CompletableFuture.supplyAsync(() -> api.order(two, itemId, 1));
            Thread.sleep(300); // the three queue behind it, to run as the next batch
            itemHolder.commit();

            assertThat(leader.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(orderOne.get(10, TimeUnit.SECONDS).status()).as("placed without the held buyer").isEqualTo(201);
            assertThat(orderTwo.get(10, TimeUnit.SECONDS).status()).as("placed without the held buyer").isEqualTo(201);
            Response refused = orderHeld.get(10, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("LOCK_TIMEOUT");
            balanceHolder.rollback();
        }

        assertThat(jdbc.queryForObject("select quantity from item_stock where item_id = ?", Long.class, itemId))
                .isEqualTo(7);
        for (long placed : new long[]{first, one, two}) {
            assertThat(balance(placed)).isEqualTo(900);
        }
        assertThat(balance(held)).isEqualTo(1_000);
        assertThat(jdbc.queryForObject("select count(*) from orders where user_id = ?", Long.class, held)).isZero();
    }

    private static void lockRow(Connection connection, String sql, long id) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            select.executeQuery().close();
        }
    }

    private long balance(long userId) {
        return jdbc.queryForObject("select balance from point_balance where user_id = ?", Long.class, userId);
    }
}

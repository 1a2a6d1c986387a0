package com.ecommerce.benchmark.scenario;

import com.ecommerce.systemtest.support.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Benchmark fixtures written straight into the schema, in batches: creating 1,000 items and 64 funded buyers
 * through the API would take longer than the measurement. The rows are what the API would write (a user, a balance
 * and its CHARGE history entry; an item and its stock), so the database invariants hold from the start.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static long[] items(int count, long price, long stock) {
        return insertParentsAndChildren(count, "insert into item (name, price, created_at, version) values (?, ?, ?, 0)",
                price, "insert into item_stock (item_id, quantity, version) values (?, ?, 0)", stock, false);
    }

    public static long[] funded(int count, long balance) {
        return insertParentsAndChildren(count, "insert into users (name, created_at, version) values (?, ?, ?)", 0,
                "insert into point_balance (user_id, balance, version) values (?, ?, 0)", balance, true);
    }

    private static long[] insertParentsAndChildren(int count, String parentSql, long price, String childSql,
                                                   long amount, boolean users) {
        long[] ids = new long[count];
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (Connection c = Database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement parent = c.prepareStatement(parentSql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < count; i++) {
                    parent.setString(1, "bench");
                    if (users) {
                        parent.setTimestamp(2, now);
                        parent.setLong(3, 0);
                    } else {
                        parent.setLong(2, price);
                        parent.setTimestamp(3, now);
                    }
                    parent.executeUpdate();
                    try (ResultSet keys = parent.getGeneratedKeys()) {
                        keys.next();
                        ids[i] = keys.getLong(1);
                    }
                }
            }
            try (PreparedStatement child = c.prepareStatement(childSql)) {
                for (long id : ids) {
                    child.setLong(1, id);
                    child.setLong(2, amount);
                    child.addBatch();
                }
                child.executeBatch();
            }
            if (users && amount > 0) {
                try (PreparedStatement history = c.prepareStatement("insert into point_history (user_id, type, amount, "
                        + "balance_after, order_id, created_at) values (?, 'CHARGE', ?, ?, null, ?)")) {
                    for (long id : ids) {
                        history.setLong(1, id);
                        history.setLong(2, amount);
                        history.setLong(3, amount);
                        history.setTimestamp(4, now);
                        history.addBatch();
                    }
                    history.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}

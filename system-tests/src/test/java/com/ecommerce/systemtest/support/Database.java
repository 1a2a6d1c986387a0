package com.ecommerce.systemtest.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC to the database the instances share: reset it, read it, hold its rows, check its invariants. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(SystemEnv.dbUrl(), SystemEnv.dbUsername(), SystemEnv.dbPassword());
    }

    /** Drops and re-creates the database named in the URL: every scenario starts from an empty schema. */
    public static void recreate() {
        String path = URI.create(SystemEnv.dbUrl().substring("jdbc:".length())).getPath();
        String name = path.substring(1);
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalStateException("unexpected database name in ECOMMERCE_SYSTEM_DB_URL: " + name);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long number(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Sums and counts of everything: equal snapshots mean nothing changed. */
    public record Snapshot(long users, long balances, long historyRows, long items, long stock, long orders,
                           long orderLines, long idempotencyRecords) {
    }

    public static Snapshot snapshot() {
        return new Snapshot(number("select count(*) from users"),
                number("select coalesce(sum(balance), 0) from point_balance"),
                number("select count(*) from point_history"),
                number("select count(*) from item"),
                number("select coalesce(sum(quantity), 0) from item_stock"),
                number("select count(*) from orders"),
                number("select count(*) from order_line"),
                number("select count(*) from idempotency_record"));
    }

    /**
     * What must hold whatever happened: every balance equals the sum of its history, no stock or balance is
     * negative, every order is PAID with lines that add up to its total and (when not free) exactly one USE entry of
     * that amount. Returns the violations, empty when consistent.
     */
    public static List<String> invariantViolations() {
        List<String> violations = new ArrayList<>();
        check(violations, "balances that differ from the sum of their history", """
                select count(*) from point_balance b where b.balance <> (select coalesce(sum(case when h.type = 'CHARGE'
                then h.amount else -h.amount end), 0) from point_history h where h.user_id = b.user_id)""");
        check(violations, "negative balances", "select count(*) from point_balance where balance < 0");
        check(violations, "negative stock", "select count(*) from item_stock where quantity < 0");
        check(violations, "orders not PAID", "select count(*) from orders where status <> 'PAID'");
        check(violations, "orders whose lines do not add up", """
                select count(*) from orders o where o.total_amount <> (select coalesce(sum(l.unit_price * l.quantity), 0)
                from order_line l where l.order_id = o.id) or not exists (select 1 from order_line l where l.order_id = o.id)""");
        // grouped once rather than a subquery per order: point_history has no index on order_id, and a benchmark
        // that places orders at the row's ceiling leaves hundreds of thousands of both
        check(violations, "paid orders without exactly one matching USE entry", """
                select count(*) from orders o left join (select h.order_id, count(*) as n, min(h.amount) as low,
                max(h.amount) as high from point_history h where h.type = 'USE' and h.order_id is not null
                group by h.order_id) u on u.order_id = o.id where o.total_amount > 0 and (u.n is null or u.n <> 1
                or u.low <> o.total_amount or u.high <> o.total_amount)""");
        check(violations, "USE entries without an order", """
                select count(*) from point_history h where h.type = 'USE' and not exists
                (select 1 from orders o where o.id = h.order_id)""");
        return violations;
    }

    private static void check(List<String> violations, String what, String sql) {
        long n = number(sql);
        if (n != 0) {
            violations.add(n + " " + what);
        }
    }

    public static long sold(long itemId) {
        return number("select coalesce(sum(quantity), 0) from order_line where item_id = ?", itemId);
    }

    public static long stock(long itemId) {
        return number("select quantity from item_stock where item_id = ?", itemId);
    }

    public static long balance(long userId) {
        return number("select balance from point_balance where user_id = ?", userId);
    }
}

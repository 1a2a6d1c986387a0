package com.ecommerce.bootstrap.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole database reduced to sums and counts: two equal snapshots mean no request in between changed
 * anything (no balance, no stock, no row added).
 */
public record DbSnapshot(long users, long balanceSum, long historyRows, long historySignedSum, long items,
                         long stockSum, long orders, long orderLines, long idempotencyRecords,
                         long pointVersions, long stockVersions) {

    public static DbSnapshot take(JdbcTemplate jdbc) {
        return new DbSnapshot(
                count(jdbc, "select count(*) from users"),
                count(jdbc, "select coalesce(sum(balance), 0) from point_balance"),
                count(jdbc, "select count(*) from point_history"),
                count(jdbc, "select coalesce(sum(case when type = 'CHARGE' then amount else -amount end), 0) from point_history"),
                count(jdbc, "select count(*) from item"),
                count(jdbc, "select coalesce(sum(quantity), 0) from item_stock"),
                count(jdbc, "select count(*) from orders"),
                count(jdbc, "select count(*) from order_line"),
                count(jdbc, "select count(*) from idempotency_record"),
                count(jdbc, "select coalesce(sum(version), 0) from point_balance"),
                count(jdbc, "select coalesce(sum(version), 0) from item_stock"));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }
}

package com.ecommerce.application.testing;

import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.stock.Item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables the in-memory fakes share, as the JPA adapters share one database: one id sequence for every table, so
 * that an id of one kind never matches one of another by chance, and a snapshot of all of them, so that a
 * transaction that throws takes back the writes of every store it touched, not only those of one port.
 */
public final class InMemoryDatabase {

    /** Balances and stocks are stored apart from their aggregates, as rows whose version the store bumps. */
    record PointRow(long balance, long version) {
    }

    record StockRow(long quantity, long version) {
    }

    final Map<Long, String> users = new LinkedHashMap<>();
    final Map<Long, PointRow> points = new LinkedHashMap<>();
    final Map<Long, PointHistory> history = new LinkedHashMap<>();
    final Map<Long, Item> items = new LinkedHashMap<>();
    final Map<Long, StockRow> stocks = new LinkedHashMap<>();
    final Map<Long, Order> orders = new LinkedHashMap<>();
    final Map<String, IdempotencyRecord> idempotency = new LinkedHashMap<>();
    /** As stored: a payment is mutable, its state is not. */
    final Map<String, Payment.State> payments = new LinkedHashMap<>();
    private long sequence;

    long nextId() {
        return ++sequence;
    }

    /** Every table and the sequence as they are now; running what this returns puts them back so. */
    Runnable snapshot() {
        List<Runnable> tables = List.of(copy(users), copy(points), copy(history), copy(items), copy(stocks),
                copy(orders), copy(idempotency), copy(payments));
        long sequenceBefore = sequence;
        return () -> {
            tables.forEach(Runnable::run);
            sequence = sequenceBefore;
        };
    }

    private static <K, V> Runnable copy(Map<K, V> table) {
        Map<K, V> before = new LinkedHashMap<>(table);
        return () -> {
            table.clear();
            table.putAll(before);
        };
    }

    /** The page as a database cuts it from rows already in the query's order. */
    static <T> Page<T> page(List<T> rows, PageQuery q) {
        int from = (int) Math.min(rows.size(), q.offset());
        int to = Math.min(rows.size(), from + q.size());
        return new Page<>(rows.subList(from, to), q.page(), q.size(), rows.size());
    }
}

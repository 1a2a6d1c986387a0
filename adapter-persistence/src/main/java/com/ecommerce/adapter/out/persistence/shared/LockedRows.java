package com.ecommerce.adapter.out.persistence.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a locking select read in the running transaction, handed to the store's next read of the same rows so
 * that it need not ask the database again: a row locked for update cannot change until the transaction ends, so
 * the values the lock returned are the ones a read would find. Each row is handed out once (a second read asks the
 * database, and sees the transaction's own writes), and a store that writes a row forgets it. Nothing is kept
 * outside a transaction with synchronization (the remembered rows are dropped when it completes, whichever way).
 */
public final class LockedRows {

    /** What a locking select returns of a contended row: its id, its one changing value and its version. */
    public record Row(long id, long value, long version) {
    }

    /** The tables whose rows are locked: each store reads only its own. */
    public enum Table {
        ITEM_STOCK, POINT_BALANCE
    }

    private record Key(Table table, long id) {
    }

    private static final Object RESOURCE = LockedRows.class;

    private LockedRows() {
    }

    /** Remembers {@code rows} of {@code table}, locked by the running transaction. */
    public static void remember(Table table, List<Row> rows) {
        Map<Key, Row> held = bound(true);
        if (held != null) {
            rows.forEach(row -> held.put(new Key(table, row.id()), row));
        }
    }

    /**
     * The rows of {@code ids} when the running transaction locked every one of them and none was handed out or
     * written since; they are handed out now. Null when any one is missing: the caller reads them all.
     */
    public static List<Row> take(Table table, Collection<Long> ids) {
        Map<Key, Row> held = bound(false);
        if (held == null || held.isEmpty()) {
            return null;
        }
        Set<Long> distinct = new LinkedHashSet<>(ids);
        List<Row> rows = new ArrayList<>(distinct.size());
        for (long id : distinct) {
            Row row = held.get(new Key(table, id));
            if (row == null) {
                return null;
            }
            rows.add(row);
        }
        distinct.forEach(id -> held.remove(new Key(table, id)));
        return rows;
    }

    /** The row of {@code id} is being written by the running transaction: what the lock read is no longer current. */
    public static void forget(Table table, long id) {
        Map<Key, Row> held = bound(false);
        if (held != null) {
            held.remove(new Key(table, id));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Key, Row> bound(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<Key, Row> held = (Map<Key, Row>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (held == null && create) {
            Map<Key, Row> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                // a transaction suspended for another (REQUIRES_NEW) takes its rows with it
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            held = fresh;
        }
        return held;
    }
}

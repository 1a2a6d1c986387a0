package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.domain.shared.ConcurrentUpdateException;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The version fence of one aggregate's rows: an update names the version it read
 * ({@code update ... where id = ? and version = ?}), so it changes no row when another writer got there first, and
 * a row that was not updated is a stale write, {@link ConcurrentUpdateException}. Every versioned update of the
 * stores goes through here, alone or in a batch.
 *
 * <p>What the transaction wrote before is flushed first, so that the contended row is written last and its lock
 * held for the shortest time.
 */
public final class VersionFence {

    private final EntityManager em;
    private final String rowOf;
    private final LongFunction<? extends ConcurrentUpdateException> staleRow;

    /**
     * @param rowOf names the aggregate's row up to its id, as the error message shows it: {@code "The balance of
     *              user"} gives {@code "The balance of user 7 was changed concurrently; ..."}
     */
    public VersionFence(EntityManager em, String rowOf) {
        this(em, rowOf, null);
    }

    /**
     * @param staleRow the failure of a stale row with a numeric id when the aggregate names its own (a buyer's
     *                 balance: which buyer), so that a batch can tell whose row it was
     */
    public VersionFence(EntityManager em, String rowOf, LongFunction<? extends ConcurrentUpdateException> staleRow) {
        this.em = em;
        this.rowOf = rowOf;
        this.staleRow = staleRow;
    }

    /**
     * @param id     the row's id, as the error message shows it (a number, or a payment's id)
     * @param update the versioned update of the row with this {@code id}, returning its update count
     */
    public void update(Object id, IntSupplier update) {
        em.flush();
        expectOneRow(update.getAsInt(), id);
    }

    /**
     * The versioned update of one row as a plain JDBC statement, its parameters bound in order: a named JPQL update
     * is translated by Hibernate again on every call, which cost an order more CPU than the statement's own trip
     * to the database.
     *
     * @param id  the row's id, as the error message shows it
     * @param sql {@code update ... set ..., version = version + 1 where <id> = ? and version = ?}
     */
    public void update(long id, String sql, long... parameters) {
        update(id, () -> em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setLong(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        }));
    }

    /**
     * One batch of versioned updates, fenced row by row: a batch statement reports each row's count, and one stale
     * row fails the whole transaction.
     *
     * @param batch runs the updates of {@code rows} in their order and returns the update count of each
     */
    public <T> void updateAll(List<T> rows, ToLongFunction<T> id, Function<List<T>, int[]> batch) {
        em.flush();
        int[] counts = batch.apply(rows);
        for (int i = 0; i < rows.size(); i++) {
            expectOneRow(counts[i], id.applyAsLong(rows.get(i)));
        }
    }

    private void expectOneRow(int updated, Object id) {
        if (updated == 0) {
            throw staleRow != null && id instanceof Long number ? staleRow.apply(number)
                    : new ConcurrentUpdateException(rowOf + " " + id);
        }
        if (updated != 1) {
            // a driver that answers SUCCESS_NO_INFO (-2) leaves the fence blind: refuse rather than assume success
            throw new IllegalStateException(rowOf + " " + id + ": the update reported " + updated
                    + " rows, and the fence needs the row's own count");
        }
    }
}

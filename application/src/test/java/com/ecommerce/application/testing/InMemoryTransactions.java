package com.ecommerce.application.testing;

import com.ecommerce.application.shared.port.out.NoFreeConnectionException;
import com.ecommerce.application.shared.port.out.TransactionPort;

import java.util.function.Supplier;

/**
 * Transactions over an {@link InMemoryDatabase}: when the work throws, every table is restored as it was when the
 * transaction began, so "a failed request changes nothing" can be asserted on the fakes too. A nested transaction
 * joins the outer one, which restores its own snapshot. Single-threaded: real isolation is proven on the database.
 */
public class InMemoryTransactions implements TransactionPort {

    private final InMemoryDatabase database;
    public int transactions;
    public int openTransactions;
    /** How many {@link #withConnection} scopes are open on each thread. */
    private final ThreadLocal<Integer> heldConnections = ThreadLocal.withInitial(() -> 0);

    public InMemoryTransactions(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Runnable rollback = database.snapshot();
        transactions++;
        openTransactions++;
        try {
            return work.get();
        } catch (RuntimeException e) {
            rollback.run();
            throw e;
        } finally {
            openTransactions--;
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return work.get();
    }

    @Override
    public <T> T withConnection(Supplier<T> work) {
        heldConnections.set(heldConnections.get() + 1);
        try {
            return work.get();
        } finally {
            heldConnections.set(heldConnections.get() - 1);
        }
    }

    /** How many times {@link #withFreeConnection} finds the pool all in use (a test sets it). */
    public int busyPool;

    @Override
    public <T> T withFreeConnection(Supplier<T> work) {
        if (busyPool > 0) {
            busyPool--;
            throw new NoFreeConnectionException();
        }
        return withConnection(work);
    }

    /** Whether this thread runs inside {@link #withConnection}. */
    public boolean holdsConnection() {
        return heldConnections.get() > 0;
    }
}

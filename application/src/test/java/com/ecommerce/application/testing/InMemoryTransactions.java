package com.ecommerce.application.testing;

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
}

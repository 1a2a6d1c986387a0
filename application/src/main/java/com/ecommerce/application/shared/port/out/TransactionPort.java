package com.ecommerce.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Runs work in a database transaction: committed when the work returns, rolled back when it throws (the
 * exception propagates unchanged). When a transaction is already open on the thread, the work joins it.
 */
public interface TransactionPort {

    <T> T inTransaction(Supplier<T> work);

    <T> T readOnly(Supplier<T> work);

    /**
     * Runs {@code work} holding one database connection, taken from the pool before the work starts and waiting
     * for one at most the pool's connection wait: the transactions the work opens use it. Nested calls share the
     * outer one's connection.
     *
     * @throws com.ecommerce.domain.shared.DatabaseUnavailableException when no connection came within the wait;
     *                                                                   the work did not run
     */
    <T> T withConnection(Supplier<T> work);

    /**
     * As {@link #withConnection}, but only with a connection the pool has free at once: a unit of work that holds
     * its locks asks this way, so that it never waits for the pool while holding them.
     *
     * @throws NoFreeConnectionException when none was free; the work did not run
     */
    <T> T withFreeConnection(Supplier<T> work);
}

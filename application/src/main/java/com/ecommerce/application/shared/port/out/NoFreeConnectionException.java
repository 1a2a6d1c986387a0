package com.ecommerce.application.shared.port.out;

/**
 * {@link TransactionPort#withFreeConnection}: the pool had no connection free at that moment, so the work did not
 * run. Not an answer to a client: the unit of work lets go of its locks, waits for a connection holding none, and
 * goes again.
 */
public class NoFreeConnectionException extends RuntimeException {

    public NoFreeConnectionException() {
        super("no database connection free at once", null, false, false);
    }
}

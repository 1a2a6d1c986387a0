package com.ecommerce.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Runs work in a database transaction: committed when the work returns, rolled back when it throws (the
 * exception propagates unchanged). When a transaction is already open on the thread, the work joins it.
 */
public interface TransactionPort {

    <T> T inTransaction(Supplier<T> work);

    <T> T readOnly(Supplier<T> work);
}

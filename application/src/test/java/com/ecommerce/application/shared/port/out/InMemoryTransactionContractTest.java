package com.ecommerce.application.shared.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The transaction contract on the in-memory fakes the service tests use: they answer as the JPA adapters do. */
class InMemoryTransactionContractTest extends TransactionContractTest {

    InMemoryTransactionContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

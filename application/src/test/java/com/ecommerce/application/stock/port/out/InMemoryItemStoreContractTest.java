package com.ecommerce.application.stock.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The item store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryItemStoreContractTest extends ItemStoreContractTest {

    InMemoryItemStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

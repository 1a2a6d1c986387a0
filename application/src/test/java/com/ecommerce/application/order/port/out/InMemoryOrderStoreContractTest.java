package com.ecommerce.application.order.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The order store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryOrderStoreContractTest extends OrderStoreContractTest {

    InMemoryOrderStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

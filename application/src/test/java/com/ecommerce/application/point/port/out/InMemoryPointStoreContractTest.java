package com.ecommerce.application.point.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The point store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryPointStoreContractTest extends PointStoreContractTest {

    InMemoryPointStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

package com.ecommerce.application.user.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The user store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryUserStoreContractTest extends UserStoreContractTest {

    InMemoryUserStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

package com.ecommerce.application.testing;

/** The store contract on the in-memory fake that the service tests use: it must answer as the JPA adapters do. */
class InMemoryStoreContractTest extends StoreContractTest {

    @Override
    protected Stores stores() {
        return Stores.of(new InMemoryStore());
    }
}

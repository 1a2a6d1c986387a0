package com.ecommerce.application.idempotency.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The idempotency store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

    InMemoryIdempotencyStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

package com.ecommerce.application.payment.port.out;

import com.ecommerce.application.testing.InMemoryStore;

/** The payment store contract on the in-memory fake the service tests use: it answers as the JPA adapter does. */
class InMemoryPaymentStoreContractTest extends PaymentStoreContractTest {

    InMemoryPaymentStoreContractTest() {
        super(Stores.of(new InMemoryStore()));
    }
}

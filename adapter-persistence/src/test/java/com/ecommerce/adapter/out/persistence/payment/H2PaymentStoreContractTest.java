package com.ecommerce.adapter.out.persistence.payment;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.payment.port.out.PaymentStoreContractTest;

/** The payment store contract on the JPA adapter and H2. */
@OnH2
class H2PaymentStoreContractTest extends PaymentStoreContractTest {

    H2PaymentStoreContractTest(Stores stores) {
        super(stores);
    }
}

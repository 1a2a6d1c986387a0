package com.ecommerce.adapter.out.persistence.payment;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.payment.port.out.PaymentStoreContractTest;

/** The payment store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbPaymentStoreContractIT extends PaymentStoreContractTest {

    MariaDbPaymentStoreContractIT(Stores stores) {
        super(stores);
    }
}

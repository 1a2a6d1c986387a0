package com.ecommerce.adapter.out.persistence.order;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.order.port.out.OrderStoreContractTest;

/** The order store contract on the JPA adapter and H2. */
@OnH2
class H2OrderStoreContractTest extends OrderStoreContractTest {

    H2OrderStoreContractTest(Stores stores) {
        super(stores);
    }
}

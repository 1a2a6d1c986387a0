package com.ecommerce.adapter.out.persistence.order;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.order.port.out.OrderStoreContractTest;

/** The order store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbOrderStoreContractIT extends OrderStoreContractTest {

    MariaDbOrderStoreContractIT(Stores stores) {
        super(stores);
    }
}

package com.ecommerce.adapter.out.persistence.point;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.point.port.out.PointStoreContractTest;

/** The point store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbPointStoreContractIT extends PointStoreContractTest {

    MariaDbPointStoreContractIT(Stores stores) {
        super(stores);
    }
}

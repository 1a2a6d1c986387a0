package com.ecommerce.adapter.out.persistence.stock;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.stock.port.out.ItemStoreContractTest;

/** The item store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbItemStoreContractIT extends ItemStoreContractTest {

    MariaDbItemStoreContractIT(Stores stores) {
        super(stores);
    }
}

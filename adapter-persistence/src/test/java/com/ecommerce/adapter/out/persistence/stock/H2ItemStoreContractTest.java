package com.ecommerce.adapter.out.persistence.stock;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.stock.port.out.ItemStoreContractTest;

/** The item store contract on the JPA adapter and H2. */
@OnH2
class H2ItemStoreContractTest extends ItemStoreContractTest {

    H2ItemStoreContractTest(Stores stores) {
        super(stores);
    }
}

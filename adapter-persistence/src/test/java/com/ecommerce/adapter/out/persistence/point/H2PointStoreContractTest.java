package com.ecommerce.adapter.out.persistence.point;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.point.port.out.PointStoreContractTest;

/** The point store contract on the JPA adapter and H2. */
@OnH2
class H2PointStoreContractTest extends PointStoreContractTest {

    H2PointStoreContractTest(Stores stores) {
        super(stores);
    }
}

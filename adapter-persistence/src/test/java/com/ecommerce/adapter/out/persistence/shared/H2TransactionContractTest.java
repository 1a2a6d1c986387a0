package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.shared.port.out.TransactionContractTest;

/** The transaction contract on the JPA adapters and H2. */
@OnH2
class H2TransactionContractTest extends TransactionContractTest {

    H2TransactionContractTest(Stores stores) {
        super(stores);
    }
}

package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.shared.port.out.TransactionContractTest;

/** The transaction contract on the JPA adapters and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbTransactionContractIT extends TransactionContractTest {

    MariaDbTransactionContractIT(Stores stores) {
        super(stores);
    }
}

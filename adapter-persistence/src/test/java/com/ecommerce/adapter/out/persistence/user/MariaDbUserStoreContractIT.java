package com.ecommerce.adapter.out.persistence.user;

import com.ecommerce.adapter.out.persistence.OnMariaDb;
import com.ecommerce.application.user.port.out.UserStoreContractTest;

/** The user store contract on the JPA adapter and the MariaDB of the integration tests. */
@OnMariaDb
class MariaDbUserStoreContractIT extends UserStoreContractTest {

    MariaDbUserStoreContractIT(Stores stores) {
        super(stores);
    }
}

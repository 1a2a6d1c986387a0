package com.ecommerce.adapter.out.persistence.user;

import com.ecommerce.adapter.out.persistence.OnH2;
import com.ecommerce.application.user.port.out.UserStoreContractTest;

/** The user store contract on the JPA adapter and H2. */
@OnH2
class H2UserStoreContractTest extends UserStoreContractTest {

    H2UserStoreContractTest(Stores stores) {
        super(stores);
    }
}

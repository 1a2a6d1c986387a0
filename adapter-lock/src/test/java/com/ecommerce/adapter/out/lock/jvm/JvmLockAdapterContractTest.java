package com.ecommerce.adapter.out.lock.jvm;

import com.ecommerce.adapter.out.lock.LockStrategyContractTest;
import com.ecommerce.adapter.out.lock.StrategyUnderTest;
import com.ecommerce.adapter.out.lock.support.Breakage;

/** {@code lock-jvm}: one lock table, shared by the threads of one process. */
class JvmLockAdapterContractTest extends LockStrategyContractTest {

    JvmLockAdapterContractTest() {
        super(StrategyUnderTest.JVM, Breakage.NONE);
    }
}

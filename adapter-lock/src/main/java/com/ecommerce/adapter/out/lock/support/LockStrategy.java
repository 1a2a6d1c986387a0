package com.ecommerce.adapter.out.lock.support;

import com.ecommerce.domain.lock.LockPort;

/** A {@link LockPort} that names itself, as its profile without {@code lock-}, for {@code /actuator/info}. */
public interface LockStrategy extends LockPort {

    String strategyName();
}

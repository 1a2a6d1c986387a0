package com.ecommerce.adapter.out.lock.support;

import com.ecommerce.domain.lock.LockPort;

/** A {@link LockPort} that names its strategy, for {@code /actuator/info} and the metrics. */
public interface LockStrategy extends LockPort {

    LockStrategyName strategy();
}
